-- Reads the deployment's signing keys, creating the first one (id k1, the given secret) if there is none, in one
-- atomic step: nodes that start together all end up with the key the first of them created.
-- KEYS: 1 the keys' hash (fields n: rotations so far, current and previous: "ID:BASE64")
-- ARGV: 1 a new random secret (base64), used only if there is no key yet
-- Returns {current, previous or false}.
if redis.call('HEXISTS', KEYS[1], 'current') == 0 then
  redis.call('HSET', KEYS[1], 'n', '1', 'current', 'k1:' .. ARGV[1])
end
local keys = redis.call('HMGET', KEYS[1], 'current', 'previous')
return {keys[1], keys[2]}
