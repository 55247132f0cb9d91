-- Removes a CRM state value if its version is the expected one.
-- KEYS: 1 the value's hash
-- ARGV: 1 expected version
-- Returns 1 if removed, 0 if not.
local current = redis.call('HGET', KEYS[1], 'ver')
if not current or tonumber(current) ~= tonumber(ARGV[1]) then
  return 0
end
redis.call('DEL', KEYS[1])
return 1
