"""Benchmark peer: a chat backend the way the seeds' FastAPI guides build one, on asyncpg.

One uvicorn process (one event loop), an asyncpg pool, a ConnectionManager of rooms:

  WS  /ws/chat/{room_id}?user=NAME           -> {"type": "connected"} on accept
      {"type": "message", "content": ..., "nonce": ...}
                                             -> one INSERT ... RETURNING (autocommit), then
                                                {"type": "ack", "id": ..., "nonce": ...} to the
                                                sender, then {"type": "message", ...} to every
                                                socket of the room (the sender included), one
                                                await per socket
  GET /api/messages/{room_id}/recent?limit=50 -> one SELECT, newest first, as JSON
  GET /health                                -> {"status": "ok"}

No authentication and no membership check: every message costs exactly one statement.
Run: DATABASE_URL=postgres://... python3 -m uvicorn app:app --host 127.0.0.1 --port 8092
"""

import json
import os
from typing import Dict, Set

import asyncpg
from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from fastapi.responses import JSONResponse

DATABASE_URL = os.environ.get(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/parley_bench_fastapi"
)
POOL_SIZE = int(os.environ.get("PG_POOL_SIZE", "10"))

SCHEMA = """
CREATE TABLE IF NOT EXISTS chat_messages (
  id BIGSERIAL PRIMARY KEY,
  room_id TEXT NOT NULL,
  sender TEXT NOT NULL,
  content TEXT NOT NULL,
  nonce TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS chat_messages_room_id ON chat_messages (room_id, id);
"""

INSERT = (
    "INSERT INTO chat_messages (room_id, sender, content, nonce) VALUES ($1, $2, $3, $4)"
    " RETURNING id, created_at"
)
RECENT = (
    "SELECT id, room_id, sender, content, nonce, created_at FROM chat_messages"
    " WHERE room_id = $1 ORDER BY id DESC LIMIT $2"
)

app = FastAPI(title="parley-bench-peer-fastapi")


class ConnectionManager:
    """Sockets per room, as in the seeds: connect, disconnect, broadcast one by one."""

    def __init__(self) -> None:
        self.rooms: Dict[str, Set[WebSocket]] = {}

    async def connect(self, room_id: str, websocket: WebSocket) -> None:
        await websocket.accept()
        self.rooms.setdefault(room_id, set()).add(websocket)

    def disconnect(self, room_id: str, websocket: WebSocket) -> None:
        members = self.rooms.get(room_id)
        if members is not None:
            members.discard(websocket)
            if not members:
                del self.rooms[room_id]

    async def broadcast(self, room_id: str, text: str) -> None:
        for connection in list(self.rooms.get(room_id, ())):
            try:
                await connection.send_text(text)
            except Exception:  # a socket that went away; its own handler removes it
                pass


manager = ConnectionManager()


@app.on_event("startup")
async def startup() -> None:
    app.state.pool = await asyncpg.create_pool(
        DATABASE_URL, min_size=POOL_SIZE, max_size=POOL_SIZE
    )
    async with app.state.pool.acquire() as conn:
        await conn.execute(SCHEMA)


@app.on_event("shutdown")
async def shutdown() -> None:
    await app.state.pool.close()


@app.get("/health")
async def health() -> dict:
    return {"status": "ok"}


@app.get("/api/messages/{room_id}/recent")
async def recent(room_id: str, limit: int = 50) -> JSONResponse:
    limit = max(1, min(limit, 500))
    rows = await app.state.pool.fetch(RECENT, room_id, limit)
    return JSONResponse(
        [
            {
                "id": r["id"],
                "room_id": r["room_id"],
                "sender": r["sender"],
                "content": r["content"],
                "nonce": r["nonce"],
                "timestamp": r["created_at"].isoformat(),
            }
            for r in rows
        ]
    )


@app.websocket("/ws/chat/{room_id}")
async def chat(websocket: WebSocket, room_id: str) -> None:
    user = websocket.query_params.get("user", "anonymous")
    await manager.connect(room_id, websocket)
    await websocket.send_text('{"type":"connected"}')
    pool = app.state.pool
    try:
        while True:
            data = json.loads(await websocket.receive_text())
            if data.get("type") != "message":
                continue
            content = str(data.get("content", ""))
            nonce = data.get("nonce")
            try:
                row = await pool.fetchrow(INSERT, room_id, user, content, nonce)
            except Exception as e:  # noqa: BLE001 - reported to the sender
                await websocket.send_text(
                    json.dumps({"type": "error", "message": str(e), "nonce": nonce})
                )
                continue
            await websocket.send_text(
                json.dumps({"type": "ack", "id": row["id"], "nonce": nonce})
            )
            await manager.broadcast(
                room_id,
                json.dumps(
                    {
                        "type": "message",
                        "id": row["id"],
                        "room_id": room_id,
                        "sender": user,
                        "content": content,
                        "nonce": nonce,
                        "timestamp": row["created_at"].isoformat(),
                    }
                ),
            )
    except WebSocketDisconnect:
        pass
    finally:
        manager.disconnect(room_id, websocket)
