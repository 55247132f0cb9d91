-- Compare-and-set of one stored value and its indexes, in one atomic step.
-- KEYS: 1 the value's hash, 2 the set of every member, 3 the owner's set, 4 the owner's set of open members,
--   5 the owner's list of recently closed members, newest first (kept only when ARGV 7 > 0), 6 the set of the open
--   members of every owner (housekeeping's frequent rounds read it)
-- ARGV: 1 expected version (0: absent), 2 member (the key's text), 3 owner, 4 JSON, 5 open ('1' or '0'),
--   6 expiry: '-' for none (calls, work items), else milliseconds after which the value and the owner's two sets
--   (which hold only this member: agents) expire, or '0' to keep them (an agent that matters again),
--   7 how many recently closed members the list keeps ('0': no list; only for values that never expire)
-- Returns the new version, or 0 when the expectation did not hold (nothing written).
-- (store-cas-publish.lua begins with the same steps; a change here belongs there too.)
local current = redis.call('HMGET', KEYS[1], 'ver', 'owner', 'open')
local version = tonumber(current[1]) or 0
if version ~= tonumber(ARGV[1]) then
  return 0
end
if version > 0 and current[2] ~= ARGV[3] then
  return redis.error_reply('ERR the owner of a stored value cannot change')
end
-- The sets change only when they must: a member is added once, the open set changes with the open field (the hash
-- and the sets change together in this script, so they agree), and a value to keep that has no expiry (nor have its
-- sets: they are given the value's expiry, or none, together) needs no PERSIST.
local expiring = ARGV[6] ~= '-'
local ttl = expiring and tonumber(ARGV[6]) or 0
if expiring and ttl == 0 and version > 0 and redis.call('PTTL', KEYS[1]) == -1 then
  expiring = false
end
local written = version + 1
local recent = tonumber(ARGV[7])
redis.call('HSET', KEYS[1], 'ver', written, 'owner', ARGV[3], 'open', ARGV[5], 'json', ARGV[4])
if version == 0 or expiring then
  -- Members again on every write of an expiring value: an owner's set that expired a moment before its value must
  -- not stay lost.
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
-- On every write, so that a value written before this set existed joins it at its next write.
if ARGV[5] == '1' then
  redis.call('SADD', KEYS[6], ARGV[2])
else
  redis.call('SREM', KEYS[6], ARGV[2])
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
return written
