// Minimal broadcast server on the `ws` package: the peer Parley is compared with.
// ws://host:port/?room=NAME joins a room; every text frame is sent to the other members of the
// room. No auth, no persistence: the cheapest possible fan-out. GET /stats answers memory
// figures (after a GC when node runs with --expose-gc).
'use strict';
const http = require('http');
const { WebSocketServer } = require('ws');

const port = Number(process.env.PORT || 8090);
const rooms = new Map();

const server = http.createServer((req, res) => {
  if (req.url === '/stats') {
    if (global.gc) global.gc();
    const m = process.memoryUsage();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ pid: process.pid, rss: m.rss, heapUsed: m.heapUsed }));
    return;
  }
  res.writeHead(404);
  res.end();
});

const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (ws, req) => {
  const room = new URL(req.url, 'http://x').searchParams.get('room') || 'default';
  let members = rooms.get(room);
  if (!members) rooms.set(room, (members = new Set()));
  members.add(ws);
  ws.send('{"type":"connected"}');
  ws.on('message', (data, isBinary) => {
    for (const other of members) {
      if (other !== ws && other.readyState === 1) other.send(data, { binary: isBinary });
    }
  });
  ws.on('close', () => members.delete(ws));
  ws.on('error', () => {});
});

server.listen(port, '127.0.0.1', () => console.log(`peer listening on ${port}`));
