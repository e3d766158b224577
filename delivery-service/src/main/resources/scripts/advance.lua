-- Moves the state of one or more messages of one recipient forward, each where the transition is allowed.
-- KEYS[1] state:{r} (hash)   ARGV[1] target state   ARGV[2] now (epoch ms)   ARGV[3..] message ids
-- Returns how many states moved; an update that is late, duplicate or for an unknown message is a no-op.
-- The allowed moves, ' FROM>TO ' each (DeliveryState.luaTransitions): one string search per message, where
-- a Lua table would be built on every call.
local allowed, target = '__TRANSITIONS__', ARGV[1]
local moved = 0
for i = 3, #ARGV do
  local record = redis.call('HGET', KEYS[1], ARGV[i])
  local current = record and string.match(record, '(%u+)=%d+$')
  if current and string.find(allowed, ' ' .. current .. '>' .. target .. ' ', 1, true) then
    redis.call('HSET', KEYS[1], ARGV[i], record .. ' ' .. target .. '=' .. ARGV[2])
    moved = moved + 1
  end
end
return moved
