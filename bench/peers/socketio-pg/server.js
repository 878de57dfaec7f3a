// Benchmark peer: a chat server the way a socket.io tutorial builds one, with PostgreSQL through a
// pg (node-postgres) pool. One process, one event loop.
//
//   socket.io connection (query ?user=NAME)
//     "join"    (room, ack)                      -> socket.join(room); ack({ ok: true })
//     "message" ({ room, content, nonce }, ack)  -> one INSERT ... RETURNING (autocommit),
//                                                   ack({ id, nonce }) to the sender, then
//                                                   io.to(room).emit("message", row) to the room
//                                                   (the sender included)
//   GET /api/messages/:room/recent?limit=50      -> one SELECT, newest first, as JSON
//   GET /stats                                   -> pid, rss, heapUsed
//
// No authentication and no membership check: every message costs exactly one statement.
'use strict';
const http = require('http');
const { Server } = require('socket.io');
const { Pool } = require('pg');

const port = Number(process.env.PORT || 8091);
const pool = new Pool({
  connectionString:
    process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/parley_bench_socketio',
  max: Number(process.env.PG_POOL_SIZE || 10),
});

const SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (
  id BIGSERIAL PRIMARY KEY,
  room TEXT NOT NULL,
  sender TEXT NOT NULL,
  content TEXT NOT NULL,
  nonce TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS messages_room_id ON messages (room, id);`;

const INSERT =
  'INSERT INTO messages (room, sender, content, nonce) VALUES ($1, $2, $3, $4) RETURNING id, created_at';
const RECENT =
  'SELECT id, room, sender, content, nonce, created_at FROM messages WHERE room = $1 ORDER BY id DESC LIMIT $2';

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const m = /^\/api\/messages\/([^/]+)\/recent$/.exec(url.pathname);
  if (req.method === 'GET' && m) {
    const limit = Math.min(Number(url.searchParams.get('limit') || 50), 500);
    try {
      const { rows } = await pool.query(RECENT, [decodeURIComponent(m[1]), limit]);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(rows));
    } catch (e) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: String(e.message || e) }));
    }
    return;
  }
  if (url.pathname === '/stats') {
    if (global.gc) global.gc();
    const mem = process.memoryUsage();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ pid: process.pid, rss: mem.rss, heapUsed: mem.heapUsed }));
    return;
  }
  // socket.io answers its own path; everything else is unknown.
  if (!url.pathname.startsWith('/socket.io/')) {
    res.writeHead(404);
    res.end();
  }
});

const io = new Server(server, { serveClient: false, cors: { origin: '*' } });

io.on('connection', (socket) => {
  const user = String(socket.handshake.query.user || socket.id);
  socket.on('join', (room, ack) => {
    socket.join(String(room));
    if (typeof ack === 'function') ack({ ok: true });
  });
  socket.on('message', async (msg, ack) => {
    const room = String(msg && msg.room);
    const content = String(msg && msg.content);
    const nonce = msg && msg.nonce != null ? String(msg.nonce) : null;
    let row;
    try {
      ({ rows: [row] } = await pool.query(INSERT, [room, user, content, nonce]));
    } catch (e) {
      if (typeof ack === 'function') ack({ error: String(e.message || e), nonce });
      return;
    }
    if (typeof ack === 'function') ack({ id: row.id, nonce });
    io.to(room).emit('message', {
      id: row.id,
      room,
      sender: user,
      content,
      nonce,
      timestamp: row.created_at,
    });
  });
});

pool
  .query(SCHEMA)
  .then(() => server.listen(port, '127.0.0.1', () => console.log(`socketio-pg listening on ${port}`)))
  .catch((e) => {
    console.error('schema failed', e);
    process.exit(1);
  });

process.on('SIGTERM', () => {
  io.close();
  pool.end().finally(() => process.exit(0));
});
