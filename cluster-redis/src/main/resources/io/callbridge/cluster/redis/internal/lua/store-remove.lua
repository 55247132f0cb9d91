-- Removes one stored value, if its version is still the expected one, from its hash and every index.
-- KEYS: 1 the value's hash, 2 the set of every member, 3 the set of the open members of every owner
-- ARGV: 1 expected version, 2 member, 3 prefix of owner sets, 4 prefix of open sets (each + owner = the set's key,
--       in the same hash slot as KEYS)
-- Returns 1 if removed, 0 if not.
local current = redis.call('HMGET', KEYS[1], 'ver', 'owner')
if not current[1] or tonumber(current[1]) ~= tonumber(ARGV[1]) then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[2])
redis.call('SREM', KEYS[3], ARGV[2])
redis.call('SREM', ARGV[3] .. current[2], ARGV[2])
redis.call('SREM', ARGV[4] .. current[2], ARGV[2])
return 1
