-- Forgets the previous signing key, so that tokens it signed no longer verify.
-- KEYS: 1 the keys' hash
-- ARGV: 1 a new random secret (base64), used only if there is no key at all yet (as keys-read)
-- Returns {current, previous or false}.
if redis.call('HEXISTS', KEYS[1], 'current') == 0 then
  redis.call('HSET', KEYS[1], 'n', '1', 'current', 'k1:' .. ARGV[1])
end
redis.call('HDEL', KEYS[1], 'previous')
local keys = redis.call('HMGET', KEYS[1], 'current', 'previous')
return {keys[1], keys[2]}
