-- Rotates the deployment's signing keys: a new key (id kN, N one more than the rotations so far) becomes current, the
-- current one previous; the previous one is gone. Without any key yet, the new one is simply the first.
-- KEYS: 1 the keys' hash
-- ARGV: 1 the new random secret (base64)
-- Returns {current, previous or false}.
local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
local current = redis.call('HGET', KEYS[1], 'current')
if current then
  redis.call('HSET', KEYS[1], 'previous', current)
end
redis.call('HSET', KEYS[1], 'current', string.format('k%d', n) .. ':' .. ARGV[1])
local keys = redis.call('HMGET', KEYS[1], 'current', 'previous')
return {keys[1], keys[2]}
