-- Appends one message to one feed — a recipient's inbox or a topic's history — atomically, within the
-- feed's hash tag: dedup, trim, append, record the state, publish to live streams.
-- KEYS[1] stream (inbox:{r} | topic:{t})   KEYS[2] seen set (seen:{r} | tseen:{t})
-- KEYS[3] state hash (state:{r} | tstate:{t})
-- ARGV[1] message id   ARGV[2] event data (JSON)   ARGV[3] now (epoch ms)   ARGV[4] expiresAt (epoch ms)
-- ARGV[5] retain status until (epoch ms)   ARGV[6] max length   ARGV[7] pub/sub channel
-- ARGV[8] state to record: QUEUED (inbox) or PUBLISHED (topic)
-- Returns 'D' (duplicate: already processed), 'X <swept>' (expired before it was appended),
-- or 'Q <entry id> <length> <swept>' (appended, and published to live streams; the feed's length after).
-- <swept>: queued messages found expired at the head of the feed, now recorded EXPIRED.
-- The state hash's field '_trimmed' holds the newest entry ever removed to respect the max length:
-- a subscriber resuming from an older entry has missed messages and is told so.
-- Numbers go to Redis and into records as the strings they came as: Redis formats a Lua number with
-- printf, which cost a few per cent of its CPU when every append did it several times.
local id, now, retain, cap = ARGV[1], tonumber(ARGV[3]), tonumber(ARGV[5]), tonumber(ARGV[6])
-- Dedup and remember in one command: NX adds the id only if this feed has not processed it yet.
if redis.call('ZADD', KEYS[2], 'NX', ARGV[5], id) == 0 then
  return 'D'
end
-- Forget messages whose status retention has passed (bounded work per call), never this one.
local old, forget = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[3], 'LIMIT', 0, 100), {}
for _, mid in ipairs(old) do
  if mid ~= id then
    redis.call('HDEL', KEYS[3], mid, mid .. ':n')
    forget[#forget + 1] = mid
  end
end
if #forget > 0 then
  redis.call('ZREM', KEYS[2], unpack(forget))
end
-- Drop expired entries from the head (bounded work per call); a queued one becomes EXPIRED. One entry
-- at a time: the head is usually live, and reading it alone copies one payload instead of ten. The
-- live head found is the entry a full feed drops next.
local swept, from, head = 0, '-', nil
for _ = 1, 10 do
  local entry = redis.call('XRANGE', KEYS[1], from, '+', 'COUNT', '1')[1]
  if not entry then
    break
  end
  local fields, mid, exp = entry[2], nil, nil
  for i = 1, #fields, 2 do
    if fields[i] == 'm' then mid = fields[i + 1] elseif fields[i] == 'x' then exp = tonumber(fields[i + 1]) end
  end
  if not exp or exp > now then
    head = entry[1]
    break
  end
  redis.call('XDEL', KEYS[1], entry[1])
  from = '(' .. entry[1]
  local record = mid and redis.call('HGET', KEYS[3], mid)
  if record and string.match(record, '(%u+)=%d+$') == 'QUEUED' then
    redis.call('HSET', KEYS[3], mid, record .. ' EXPIRED=' .. ARGV[3])
    swept = swept + 1
  end
end
local result
if tonumber(ARGV[4]) <= now then
  redis.call('HSET', KEYS[3], id, 'EXPIRED=' .. ARGV[3])
  result = 'X ' .. swept
else
  local length = redis.call('XLEN', KEYS[1])
  if length >= cap then
    local trimmed = head
    if length > cap or not head then
      local dropped = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', length - cap + 1)
      trimmed = dropped[#dropped][1]
    end
    redis.call('HSET', KEYS[3], '_trimmed', trimmed)
  end
  local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', '1')
  local previous = newest[1] and newest[1][1] or '0-0'
  local entry = redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[6], '*', 'm', id, 'd', ARGV[2], 'x', ARGV[4])
  redis.call('HSET', KEYS[3], id, 'e=' .. entry .. ' ' .. ARGV[8] .. '=' .. ARGV[3])
  -- The live event names the feed's previous newest entry, so a subscriber can tell a lost message.
  redis.call('PUBLISH', ARGV[7], entry .. ' ' .. previous .. ' ' .. ARGV[4] .. ' ' .. id .. ' ' .. ARGV[2])
  -- MAXLEN is exact: the feed now holds one more entry, or its cap.
  result = 'Q ' .. entry .. ' ' .. math.min(length + 1, cap) .. ' ' .. swept
end
-- A feed's keys live as long as the longest-retained message in them, and at most an hour longer: the
-- expiry moves an hour ahead when it falls short, so appends in that hour only read it (each write here
-- is one more command in the AOF and to replicas).
local hour = 3600000
for i = 1, 3 do
  local ttl = redis.call('PTTL', KEYS[i])
  if ttl ~= -2 and ttl < retain - now then
    redis.call('PEXPIREAT', KEYS[i], retain + hour)
  end
end
return result
