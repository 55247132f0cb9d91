-- Parks an owed side effect: creates it unclaimed (attempts 0, fence 0) if there is no entry under its key; an existing
-- entry, claimed or not, is left as it is.
-- KEYS: 1 the entry's hash, 2 the agent's set of entries, 3 the CRM's set of entries
-- ARGV: 1 the key, 2 agent, 3 crm, 4 method, 5 arguments JSON
-- Returns 1 if it created the entry, 0 if not.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'key', ARGV[1], 'agent', ARGV[2], 'crm', ARGV[3], 'method', ARGV[4], 'args', ARGV[5],
  'attempts', 0, 'fence', 0)
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
return 1
