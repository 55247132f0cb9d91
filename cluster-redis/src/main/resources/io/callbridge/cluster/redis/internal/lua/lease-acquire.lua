-- Takes the deployment's housekeeping lease for a holder, or renews it if the holder has it; refused while another
-- holder's lease lasts. The expiry is Redis's own (PX), so the nodes' clocks need not agree.
-- KEYS: 1 the lease
-- ARGV: 1 holder, 2 time to live in milliseconds
-- Returns 1 if the holder holds the lease now, else 0.
local current = redis.call('GET', KEYS[1])
if current == false or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
