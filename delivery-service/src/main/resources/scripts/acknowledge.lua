-- Acknowledges one message for one recipient: state ACKNOWLEDGED, entry removed from the inbox.
-- KEYS[1] state:{r} (hash)   KEYS[2] inbox:{r} (stream)   ARGV[1] message id   ARGV[2] now (epoch ms)
-- Returns 'A' (acknowledged, now or before), 'U' (unknown to this recipient), or 'T <state>' (a
-- terminal state that cannot be acknowledged, e.g. EXPIRED).
-- The allowed moves, ' FROM>TO ' each (DeliveryState.luaTransitions).
local allowed = '__TRANSITIONS__'
local record = redis.call('HGET', KEYS[1], ARGV[1])
if not record then
  return 'U'
end
local current = string.match(record, '(%u+)=%d+$')
if current == 'ACKNOWLEDGED' then
  return 'A'
end
if not string.find(allowed, ' ' .. current .. '>ACKNOWLEDGED ', 1, true) then
  return 'T ' .. current
end
redis.call('HSET', KEYS[1], ARGV[1], record .. ' ACKNOWLEDGED=' .. ARGV[2])
local entry = string.match(record, '^e=(%S+)')
if entry then
  redis.call('XDEL', KEYS[2], entry)
end
return 'A'
