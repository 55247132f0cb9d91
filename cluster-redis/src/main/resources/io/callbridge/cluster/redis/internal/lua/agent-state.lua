-- Everything an agent's snapshot holds, at one instant: the last sequence, the agent, their calls and work items.
-- KEYS: 1 the agent's sequence counter, 2 the agent's hash, 3 the agent's set of calls, 4 the agent's set of work items
-- ARGV: 1 prefix of call hashes, 2 prefix of work item hashes (each + member = the hash's key, in the same hash slot)
-- Returns: last sequence, the agent's version and JSON (both false when there is none), the number of calls found, then
-- version, JSON of each call and then of each work item. A member whose value is gone is removed from its set, as
-- store-find does.
local out = {redis.call('GET', KEYS[1]) or '0'}
local agent = redis.call('HMGET', KEYS[2], 'ver', 'json')
out[2] = agent[1] or false
out[3] = agent[2] or false
out[4] = 0
local function find(set, prefix)
  local n = 0
  for _, member in ipairs(redis.call('SMEMBERS', set)) do
    local value = redis.call('HMGET', prefix .. member, 'ver', 'json')
    if value[1] then
      out[#out + 1] = value[1]
      out[#out + 1] = value[2]
      n = n + 1
    else
      redis.call('SREM', set, member)
    end
  end
  return n
end
out[4] = find(KEYS[3], ARGV[1])
find(KEYS[4], ARGV[2])
return out
