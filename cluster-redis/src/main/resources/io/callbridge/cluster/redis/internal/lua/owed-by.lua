-- Reads up to a limit of a CRM's entries, picked at random from the CRM's set (so that a sweep that cannot read them
-- all does not meet the same ones every time); removes from the set a member whose entry is gone or belongs to another
-- CRM now (finished, then claimed anew for another CRM).
-- KEYS: 1 the CRM's set of entries
-- ARGV: 1 prefix of entry hashes (+ key = the hash's key, in the same hash slot), 2 the limit, 3 the crm
-- Returns the 10 fields of owed-claim's answer for each entry, one after the other.
local out = {}
for _, key in ipairs(redis.call('SRANDMEMBER', KEYS[1], tonumber(ARGV[2]))) do
  local e = redis.call('HMGET', ARGV[1] .. key, 'key', 'agent', 'crm', 'method', 'args', 'attempts', 'claimant',
    'untilS', 'untilN', 'fence')
  if e[1] and e[3] == ARGV[3] then
    for i = 1, 10 do
      out[#out + 1] = e[i]
    end
  else
    redis.call('SREM', KEYS[1], key)
  end
end
return out
