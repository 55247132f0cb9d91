-- Sets or clears one of an agent's softphone topics in a CRM, and tells every node that shows them, in one step.
-- KEYS: 1 the agent's topics in the CRM (hash: topic -> JSON)
-- ARGV: 1 topic, 2 '1' to set or '0' to clear, 3 JSON (when set), 4 the channel to announce on, 5 retention (ms: the
--   hash expires that long after its last change)
if ARGV[2] == '1' then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
else
  redis.call('HDEL', KEYS[1], ARGV[1])
end
redis.call('PUBLISH', ARGV[4], ARGV[1])
return 1
