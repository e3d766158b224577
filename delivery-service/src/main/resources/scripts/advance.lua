-- Moves one message's state for one recipient forward, if the transition is allowed.
-- KEYS[1] state:{r} (hash)   ARGV[1] message id   ARGV[2] target state   ARGV[3] now (epoch ms)
-- Returns 1 when the state moved, 0 when the update was late, duplicate or unknown (no-op).
-- The allowed moves, ' FROM>TO ' each (DeliveryState.luaTransitions): one string search per call, where a
-- Lua table would be built on every call.
local allowed = '__TRANSITIONS__'
local record = redis.call('HGET', KEYS[1], ARGV[1])
if not record then
  return 0
end
local current = string.match(record, '(%u+)=%d+$')
if not (current and string.find(allowed, ' ' .. current .. '>' .. ARGV[2] .. ' ', 1, true)) then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], record .. ' ' .. ARGV[2] .. '=' .. ARGV[3])
return 1
