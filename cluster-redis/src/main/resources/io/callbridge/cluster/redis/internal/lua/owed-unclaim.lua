-- Lets a claim go, counting a failed attempt or not, if the fence is still the entry's.
-- KEYS: 1 the entry's hash
-- ARGV: 1 fence, 2 '1' to count a failed attempt, '0' not to
-- Returns the failed attempts so far, or -1 when the key is unknown or the fence stale (nothing changed).
local fence = redis.call('HGET', KEYS[1], 'fence')
if not fence or tonumber(fence) ~= tonumber(ARGV[1]) then
  return -1
end
local attempts
if ARGV[2] == '1' then
  attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
else
  attempts = tonumber(redis.call('HGET', KEYS[1], 'attempts'))
end
redis.call('HDEL', KEYS[1], 'claimant', 'untilS', 'untilN')
return attempts
