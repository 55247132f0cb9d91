-- What a softphone page's snapshot holds, at one instant: as agent-state, but of the agent's calls only the open ones
-- and their most recently closed ones (the list store-cas keeps), so that the read does not grow with every call kept
-- after its wrap-up.
-- KEYS: 1 the agent's sequence counter, 2 the agent's hash, 3 the agent's set of open calls, 4 the agent's list of
--   recently closed calls (newest first), 5 the agent's set of work items
-- ARGV: 1 prefix of call hashes, 2 prefix of work item hashes (each + member = the hash's key, in the same hash slot),
--   3 how many of the recently closed calls to read
-- Returns: as agent-state. A member whose value is gone is removed from its set or list.
local out = {redis.call('GET', KEYS[1]) or '0'}
local agent = redis.call('HMGET', KEYS[2], 'ver', 'json')
out[2] = agent[1] or false
out[3] = agent[2] or false
out[4] = 0
local seen = {}
local function add(prefix, member)
  local value = redis.call('HMGET', prefix .. member, 'ver', 'json')
  if value[1] then
    out[#out + 1] = value[1]
    out[#out + 1] = value[2]
    return true
  end
  return false
end
local calls = 0
for _, member in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  seen[member] = true
  if add(ARGV[1], member) then
    calls = calls + 1
  else
    redis.call('SREM', KEYS[3], member)
  end
end
local wanted = tonumber(ARGV[3])
if wanted > 0 then
  for _, member in ipairs(redis.call('LRANGE', KEYS[4], 0, wanted - 1)) do
    if not seen[member] then
      seen[member] = true
      if add(ARGV[1], member) then
        calls = calls + 1
      else
        redis.call('LREM', KEYS[4], 0, member)
      end
    end
  end
end
out[4] = calls
for _, member in ipairs(redis.call('SMEMBERS', KEYS[5])) do
  if not add(ARGV[2], member) then
    redis.call('SREM', KEYS[5], member)
  end
end
return out
