-- Extends a claim if the fence is still the entry's and the claim has not been let go (a lapsed claim that nobody took
-- over since is still the fence's: nobody else ran the side effect meanwhile).
-- KEYS: 1 the entry's hash
-- ARGV: 1 fence, 2 until (epoch seconds), 3 until (nanoseconds)
-- Returns 1 if renewed, 0 if not (nothing changed).
local entry = redis.call('HMGET', KEYS[1], 'fence', 'claimant')
if not entry[1] or tonumber(entry[1]) ~= tonumber(ARGV[1]) or not entry[2] then
  return 0
end
redis.call('HSET', KEYS[1], 'untilS', ARGV[2], 'untilN', ARGV[3])
return 1
