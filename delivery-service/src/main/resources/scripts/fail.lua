-- Records that a message could not be taken in for one recipient (its Kafka record went to the
-- dead-letter topic): FAILED, unless the recipient already has a state for it.
-- KEYS[1] seen:{r}   KEYS[2] state:{r}
-- ARGV[1] message id   ARGV[2] now (epoch ms)   ARGV[3] retain status until (epoch ms)
-- Returns 1 when recorded, 0 when the message already had a state.
local id, now, retain = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
if redis.call('HEXISTS', KEYS[2], id) == 1 then
  return 0
end
redis.call('ZADD', KEYS[1], 'NX', retain, id)
redis.call('HSET', KEYS[2], id, 'FAILED=' .. now)
-- As in append.lua: a recipient's keys live as long as the longest-retained message in them.
for i = 1, 2 do
  local ttl = redis.call('PTTL', KEYS[i])
  if ttl ~= -2 and ttl < retain - now then
    redis.call('PEXPIREAT', KEYS[i], retain)
  end
end
return 1
