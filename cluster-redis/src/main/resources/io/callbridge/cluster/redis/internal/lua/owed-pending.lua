-- Reads every entry of an agent.
-- KEYS: 1 the agent's set of entries
-- ARGV: 1 prefix of entry hashes (+ key = the hash's key, in the same hash slot)
-- Returns the 10 fields of owed-claim's answer for each entry, one after the other.
local out = {}
for _, key in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local e = redis.call('HMGET', ARGV[1] .. key, 'key', 'agent', 'crm', 'method', 'args', 'attempts', 'claimant',
    'untilS', 'untilN', 'fence')
  if e[1] then
    for i = 1, 10 do
      out[#out + 1] = e[i]
    end
  end
end
return out
