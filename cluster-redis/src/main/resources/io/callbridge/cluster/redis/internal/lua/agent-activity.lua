-- What core re-derives an agent's activity from, at one instant: the agent and their open calls.
-- KEYS: 1 the agent's hash, 2 the agent's set of open calls
-- ARGV: 1 prefix of call hashes (+ member = the hash's key, in the same hash slot)
-- Returns: the agent's version and JSON (both false when there is none), then version, JSON of each open call. A
-- member whose value is gone is removed from the set, as store-find does.
local agent = redis.call('HMGET', KEYS[1], 'ver', 'json')
local out = {agent[1] or false, agent[2] or false}
for _, member in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local value = redis.call('HMGET', ARGV[1] .. member, 'ver', 'json')
  if value[1] then
    out[#out + 1] = value[1]
    out[#out + 1] = value[2]
  else
    redis.call('SREM', KEYS[2], member)
  end
end
return out
