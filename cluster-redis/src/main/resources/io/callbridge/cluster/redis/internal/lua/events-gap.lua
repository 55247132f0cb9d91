-- Appends a gap marker to an agent's stream: an entry with the next sequence number and no event, which tells every
-- follower that the agent's state may have changed without an event (Redis became unreachable mid-input), so that it
-- re-reads the state. Trimmed and announced like events.
-- KEYS: 1 the agent's sequence counter, 2 the agent's stream
-- ARGV: 1 events kept, 2 when (ISO-8601), 3 the agent's channel, 4 retention (ms, as events-publish)
-- Returns the marker's sequence number.
local seq = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[1], string.format('%d-0', seq), 'at', ARGV[2], 'gap', '1')
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PUBLISH', ARGV[3], '{"first":' .. string.format('%d', seq) .. ',"at":"' .. ARGV[2]
  .. '","gap":true,"events":[]}')
return seq
