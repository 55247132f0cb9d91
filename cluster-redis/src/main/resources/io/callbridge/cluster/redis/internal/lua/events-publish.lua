-- Numbers an agent's events and appends them to the agent's stream, trimmed to the events kept, then tells every
-- node that follows the agent, in one atomic step: sequence numbers are consecutive and in stream order.
-- KEYS: 1 the agent's sequence counter, 2 the agent's stream
-- ARGV: 1 events kept, 2 when they happened (ISO-8601), 3 the agent's channel, 4 retention (ms: both keys expire
-- that long after the agent's last event), 5.. the events' JSON
-- Returns the last sequence number issued. Entry ids are SEQUENCE-0, so a stream id is the sequence number.
local n = #ARGV - 4
local last = redis.call('INCRBY', KEYS[1], n)
local first = last - n + 1
local events = {}
for i = 1, n do
  redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[1], string.format('%d-0', first + i - 1), 'at', ARGV[2], 'e', ARGV[4 + i])
  events[i] = ARGV[4 + i]
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PUBLISH', ARGV[3], '{"first":' .. string.format('%d', first) .. ',"at":"' .. ARGV[2] .. '","events":['
  .. table.concat(events, ',') .. ']}')
return last
