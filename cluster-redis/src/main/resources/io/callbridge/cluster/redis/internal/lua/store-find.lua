-- Reads the values of the members of one index set, in one atomic step.
-- KEYS: 1 the set
-- ARGV: 1 prefix of value hashes (+ member = the hash's key, in the same hash slot)
-- Returns version, JSON, version, JSON, ... for every member whose value exists; a member whose value expired (a
-- forgotten agent) is removed from the set.
local out = {}
for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local value = redis.call('HMGET', ARGV[1] .. member, 'ver', 'json')
  if value[1] then
    out[#out + 1] = value[1]
    out[#out + 1] = value[2]
  else
    redis.call('SREM', KEYS[1], member)
  end
end
return out
