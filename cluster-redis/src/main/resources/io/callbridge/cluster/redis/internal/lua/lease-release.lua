-- Gives the housekeeping lease up if the holder has it.
-- KEYS: 1 the lease
-- ARGV: 1 holder
-- Returns 1 if it was given up, else 0.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
