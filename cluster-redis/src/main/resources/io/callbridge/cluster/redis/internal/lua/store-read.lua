-- Reads the values of the given members (a batch of a scan of the set of every member).
-- KEYS: 1 the set scanned (it also names the hash slot, so that Redis Cluster routes the script); a member whose
--   value expired (a forgotten agent) is removed from it
-- ARGV: 1 prefix of value hashes, 2.. members
-- Returns version, JSON, ... for every member whose value exists.
local out = {}
for i = 2, #ARGV do
  local value = redis.call('HMGET', ARGV[1] .. ARGV[i], 'ver', 'json')
  if value[1] then
    out[#out + 1] = value[1]
    out[#out + 1] = value[2]
  else
    redis.call('SREM', KEYS[1], ARGV[i])
  end
end
return out
