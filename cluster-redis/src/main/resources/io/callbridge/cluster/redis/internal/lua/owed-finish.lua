-- Removes an owed side effect if the fence is still the entry's.
-- KEYS: 1 the entry's hash
-- ARGV: 1 fence, 2 prefix of agents' sets (+ agent = the set's key, in the same hash slot), 3 the key, 4 prefix of
--       CRMs' sets (+ crm = the set's key, in the same hash slot)
-- Returns 1 if removed, 0 if not.
local entry = redis.call('HMGET', KEYS[1], 'fence', 'agent', 'crm')
if not entry[1] or tonumber(entry[1]) ~= tonumber(ARGV[1]) then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('SREM', ARGV[2] .. entry[2], ARGV[3])
redis.call('SREM', ARGV[4] .. entry[3], ARGV[3])
return 1
