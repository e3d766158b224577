// A browser-like subscriber: the WHATWG EventSource of the npm `eventsource` package, token in the
// `access_token` query parameter (browsers cannot set headers). Prints one JSON line per event:
//   {"type":"open"} | {"type":"message"|"gap"|"reconnect","lastEventId":"…","data":"…"} | {"type":"error"}
// Usage: NODE_EXTRA_CA_CERTS=ca.pem node subscribe.mjs <stream url with access_token>
// The EventSource reconnects by itself (sending Last-Event-ID) when the server ends the stream.
import { EventSource } from 'eventsource';

const source = new EventSource(process.argv[2]);
const print = (type, event) =>
  process.stdout.write(JSON.stringify({ type, lastEventId: event?.lastEventId, data: event?.data }) + '\n');
source.onopen = () => print('open');
source.onerror = (event) => process.stdout.write(JSON.stringify({ type: 'error', code: event?.code, message: event?.message, readyState: source.readyState }) + '\n');
for (const type of ['message', 'gap', 'reconnect']) {
  source.addEventListener(type, (event) => print(type, event));
}
process.on('SIGTERM', () => { source.close(); process.exit(0); });
// The library unrefs its reconnect timer; keep this process alive while it waits to reconnect.
setInterval(() => {}, 1 << 30);
