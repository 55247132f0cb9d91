-- Writes a CRM state value if its version is the expected one (0: only if there is none), with the next version and
-- an expiry, in one step.
-- KEYS: 1 the value's hash
-- ARGV: 1 expected version, 2 the value, 3 time to live (milliseconds)
-- Returns the new version, or -1 when the version did not match (nothing changed).
local current = tonumber(redis.call('HGET', KEYS[1], 'ver') or '0')
if current ~= tonumber(ARGV[1]) then
  return -1
end
local version = current + 1
redis.call('HSET', KEYS[1], 'ver', version, 'value', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return version
