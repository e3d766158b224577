-- Appends one message to one recipient's inbox, atomically, within the recipient's hash tag.
-- KEYS[1] inbox:{r} (stream)   KEYS[2] seen:{r} (zset)   KEYS[3] state:{r} (hash)
-- ARGV[1] message id   ARGV[2] event data (JSON)   ARGV[3] now (epoch ms)   ARGV[4] expiresAt (epoch ms)
-- ARGV[5] retain status until (epoch ms)   ARGV[6] inbox max length   ARGV[7] pub/sub channel events:{r}
-- Returns 'D' (duplicate: already processed), 'X' (expired before it reached the inbox),
-- or 'Q <entry id>' (queued, and published to live streams).
local id, now, retain = ARGV[1], tonumber(ARGV[3]), tonumber(ARGV[5])
if redis.call('ZSCORE', KEYS[2], id) then
  return 'D'
end
-- Forget messages whose status retention has passed (bounded work per call).
local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 100)
if #old > 0 then
  redis.call('ZREM', KEYS[2], unpack(old))
  redis.call('HDEL', KEYS[3], unpack(old))
end
redis.call('ZADD', KEYS[2], retain, id)
-- Drop expired entries from the head of the inbox (bounded work per call), recording them EXPIRED.
for _, entry in ipairs(redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 10)) do
  local fields, mid, exp = entry[2], nil, nil
  for i = 1, #fields, 2 do
    if fields[i] == 'm' then mid = fields[i + 1] elseif fields[i] == 'x' then exp = tonumber(fields[i + 1]) end
  end
  if not exp or exp > now then
    break
  end
  redis.call('XDEL', KEYS[1], entry[1])
  local record = mid and redis.call('HGET', KEYS[3], mid)
  if record and string.match(record, '(%u+)=%d+$') == 'QUEUED' then
    redis.call('HSET', KEYS[3], mid, record .. ' EXPIRED=' .. now)
  end
end
local result
if tonumber(ARGV[4]) <= now then
  redis.call('HSET', KEYS[3], id, 'EXPIRED=' .. now)
  result = 'X'
else
  local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
  local previous = newest[1] and newest[1][1] or '0-0'
  local entry = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[6], '*', 'm', id, 'd', ARGV[2], 'x', ARGV[4])
  redis.call('HSET', KEYS[3], id, 'e=' .. entry .. ' QUEUED=' .. now)
  -- The live event names the inbox's previous newest entry, so a subscriber can tell a lost message.
  redis.call('PUBLISH', ARGV[7], entry .. ' ' .. previous .. ' ' .. ARGV[4] .. ' ' .. id .. ' ' .. ARGV[2])
  result = 'Q ' .. entry
end
-- A recipient's keys live as long as the longest-retained message in them.
for i = 1, 3 do
  local ttl = redis.call('PTTL', KEYS[i])
  if ttl ~= -2 and ttl < retain - now then
    redis.call('PEXPIREAT', KEYS[i], retain)
  end
end
return result
