-- Claims an owed side effect: creates it if absent, takes it over if nobody else holds an unexpired claim.
-- KEYS: 1 the entry's hash, 2 the agent's set of entries, 3 the deployment's fence counter
-- ARGV: 1 claimant, 2 now (epoch seconds), 3 now (nanoseconds), 4 until (epoch seconds), 5 until (nanoseconds),
--       6 agent, 7 crm, 8 method, 9 arguments JSON, 10 the key, 11 prefix of CRMs' sets (+ crm = the set's key, in
--       the same hash slot)
-- Returns the entry as claimed (key, agent, crm, method, args, attempts, claimant, until s, until ns, fence),
-- or an empty list when another claimant holds the claim (nothing changed).
if redis.call('EXISTS', KEYS[1]) == 1 then
  local held = redis.call('HMGET', KEYS[1], 'claimant', 'untilS', 'untilN')
  if held[1] and held[1] ~= ARGV[1] then
    local untilS, untilN = tonumber(held[2]), tonumber(held[3])
    local nowS, nowN = tonumber(ARGV[2]), tonumber(ARGV[3])
    if untilS > nowS or (untilS == nowS and untilN > nowN) then
      return {}
    end
  end
else
  redis.call('HSET', KEYS[1], 'key', ARGV[10], 'agent', ARGV[6], 'crm', ARGV[7], 'method', ARGV[8], 'args', ARGV[9],
    'attempts', 0)
  redis.call('SADD', KEYS[2], ARGV[10])
end
-- The entry's own CRM (a take-over keeps the entry, not the offer); added on every claim, which also indexes an entry
-- made before the CRMs' sets existed.
redis.call('SADD', ARGV[11] .. redis.call('HGET', KEYS[1], 'crm'), ARGV[10])
-- One counter for the whole deployment: a fence is never reused, not even after the key is finished and claimed anew.
local fence = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[1], 'claimant', ARGV[1], 'untilS', ARGV[4], 'untilN', ARGV[5], 'fence', fence)
return redis.call('HMGET', KEYS[1], 'key', 'agent', 'crm', 'method', 'args', 'attempts', 'claimant', 'untilS',
  'untilN', 'fence')
