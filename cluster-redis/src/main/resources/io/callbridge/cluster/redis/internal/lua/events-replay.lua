-- What a follower of an agent needs to resume after a sequence number, in one atomic step.
-- KEYS: 1 the agent's sequence counter, 2 the agent's stream
-- ARGV: 1 the last sequence the follower has
-- Returns: the last sequence issued, the oldest sequence kept (last + 1 when none is), then sequence, time, JSON
-- of every kept event after ARGV[1] (none when the follower asks for more than is kept or for the future); the JSON
-- of a gap marker (events-gap) is the empty string.
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local oldest = last + 1
local first = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)
if #first > 0 then
  oldest = tonumber(string.match(first[1][1], '^(%d+)'))
end
local out = {string.format('%d', last), string.format('%d', oldest)}
local after = tonumber(ARGV[1])
if after >= oldest - 1 and after < last then
  for _, entry in ipairs(redis.call('XRANGE', KEYS[2], string.format('%d-0', after + 1), '+')) do
    local at, json
    local fields = entry[2]
    for i = 1, #fields, 2 do
      if fields[i] == 'at' then at = fields[i + 1] elseif fields[i] == 'e' then json = fields[i + 1] end
    end
    out[#out + 1] = string.match(entry[1], '^(%d+)')
    out[#out + 1] = at
    out[#out + 1] = json or ''
  end
end
return out
