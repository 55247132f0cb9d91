-- store-cas and then, if it wrote, events-publish of the owner's events, in one atomic step: one round trip per input
-- that changes a value, and never a value written without its events.
-- KEYS: 1-5 as store-cas (the value's hash, every member, the owner's set, the owner's open set, the owner's recently
--   closed list), 6 the owner's sequence counter, 7 the owner's stream (as events-publish), 8 the set of the open
--   members of every owner (store-cas's KEYS 6)
-- ARGV: 1-7 as store-cas, 8 events kept, 9 when they happened (ISO-8601), 10 the owner's channel, 11 retention (ms),
--   12.. the events' JSON (at least one)
-- Returns {new version, last sequence issued}, or {0, 0} when the expectation did not hold (nothing written, nothing
-- published).
-- The compare-and-set: the same steps as store-cas.lua (a change there belongs here too).
local current = redis.call('HMGET', KEYS[1], 'ver', 'owner', 'open')
local version = tonumber(current[1]) or 0
if version ~= tonumber(ARGV[1]) then
  return {0, 0}
end
if version > 0 and current[2] ~= ARGV[3] then
  return redis.error_reply('ERR the owner of a stored value cannot change')
end
local expiring = ARGV[6] ~= '-'
local ttl = expiring and tonumber(ARGV[6]) or 0
if expiring and ttl == 0 and version > 0 and redis.call('PTTL', KEYS[1]) == -1 then
  expiring = false
end
local written = version + 1
local recent = tonumber(ARGV[7])
redis.call('HSET', KEYS[1], 'ver', written, 'owner', ARGV[3], 'open', ARGV[5], 'json', ARGV[4])
if version == 0 or expiring then
  redis.call('SADD', KEYS[2], ARGV[2])
  redis.call('SADD', KEYS[3], ARGV[2])
end
if version == 0 or expiring or current[3] ~= ARGV[5] then
  if ARGV[5] == '1' then
    redis.call('SADD', KEYS[4], ARGV[2])
  else
    redis.call('SREM', KEYS[4], ARGV[2])
  end
end
if ARGV[5] == '1' then
  redis.call('SADD', KEYS[8], ARGV[2])
else
  redis.call('SREM', KEYS[8], ARGV[2])
end
if recent > 0 and ARGV[5] == '0' and current[3] ~= '0' then
  -- Closed by this write: the newest of the owner's recently closed members, at most ARGV[7] of them.
  redis.call('LREM', KEYS[5], 0, ARGV[2])
  redis.call('LPUSH', KEYS[5], ARGV[2])
  redis.call('LTRIM', KEYS[5], 0, recent - 1)
end
if expiring then
  for _, key in ipairs({KEYS[1], KEYS[3], KEYS[4]}) do
    if ttl > 0 then
      redis.call('PEXPIRE', key, ttl)
    else
      redis.call('PERSIST', key)
    end
  end
end
-- The publish: the same steps as events-publish.lua.
local n = #ARGV - 11
local last = redis.call('INCRBY', KEYS[6], n)
local first = last - n + 1
local events = {}
for i = 1, n do
  redis.call('XADD', KEYS[7], 'MAXLEN', ARGV[8], string.format('%d-0', first + i - 1), 'at', ARGV[9], 'e', ARGV[11 + i])
  events[i] = ARGV[11 + i]
end
redis.call('PEXPIRE', KEYS[6], ARGV[11])
redis.call('PEXPIRE', KEYS[7], ARGV[11])
redis.call('PUBLISH', ARGV[10], '{"first":' .. string.format('%d', first) .. ',"at":"' .. ARGV[9] .. '","events":['
  .. table.concat(events, ',') .. ']}')
return {written, last}
