-- A client resumed from ARGV[1]: it has received every inbox entry up to there. Entries still QUEUED
-- (their DELIVERED write was lost, e.g. the replica that wrote them to the stream died) become DELIVERED.
-- KEYS[1] inbox:{r} (stream)   KEYS[2] state:{r} (hash)   ARGV[1] entry id   ARGV[2] now   ARGV[3] max entries
-- Returns how many states moved.
local moved = 0
for _, entry in ipairs(redis.call('XRANGE', KEYS[1], '-', ARGV[1], 'COUNT', tonumber(ARGV[3]))) do
  local fields, mid = entry[2], nil
  for i = 1, #fields, 2 do
    if fields[i] == 'm' then mid = fields[i + 1] end
  end
  local record = mid and redis.call('HGET', KEYS[2], mid)
  if record and string.match(record, '(%u+)=%d+$') == 'QUEUED' then
    redis.call('HSET', KEYS[2], mid, record .. ' DELIVERED=' .. ARGV[2])
    moved = moved + 1
  end
end
return moved
