// The native gateway (/chat/ws): ticket auth, reconnect with backoff, resume from the last seq
// seen per channel, and sends that survive drops (resent with the same nonce until acked).

const NO_RETRY = new Set([1008, 4401, 4403, 4404]);

export class Gateway {
  /**
   * @param api      the REST client (for socket tickets)
   * @param lastSeqs () => {channelId: last seq seen}, asked at each resume
   * @param onEvent  (frame) => void, for every server frame
   * @param onStatus ('connecting' | 'live' | 'offline' | 'ended') => void
   */
  constructor(api, lastSeqs, onEvent, onStatus) {
    Object.assign(this, { api, lastSeqs, onEvent, onStatus });
    this.pending = new Map(); // nonce -> frame, until message_ack
    this.attempt = 0;
    this.holdUntil = 0;
    this.stopped = false;
    this.everConnected = false;
  }

  start() {
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.ws) this.ws.close(1000);
  }

  get live() {
    return this.ws && this.ws.readyState === WebSocket.OPEN && this.ready;
  }

  async connect() {
    if (this.stopped) return;
    this.onStatus('connecting');
    let ticket;
    try {
      ticket = await this.api.socketTicket();
    } catch (e) {
      if (e.status === 401) return this.end();
      return this.retry();
    }
    const resume = this.everConnected;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${location.host}/chat/ws?ticket=${encodeURIComponent(ticket)}${resume ? '&resume=1' : ''}`;
    const ws = new WebSocket(url);
    this.ws = ws;
    this.ready = false;
    ws.onmessage = (e) => this.receive(ws, JSON.parse(e.data));
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.ready = false;
      if (this.stopped) return;
      if (NO_RETRY.has(e.code)) return this.end();
      this.retry();
    };
  }

  receive(ws, frame) {
    if (frame.type === 'connected') {
      this.everConnected = true;
      this.attempt = 0;
      if (frame.resume_pending) {
        ws.send(JSON.stringify({ type: 'resume', channels: this.lastSeqs() }));
      } else {
        this.goLive();
      }
    } else if (frame.type === 'resumed') {
      this.goLive();
    } else if (frame.type === 'message_ack' && frame.nonce) {
      this.pending.delete(frame.nonce);
    } else if (frame.type === 'error' && frame.nonce && frame.code !== 'unavailable') {
      this.pending.delete(frame.nonce); // refused for good (too long, forbidden...): do not resend
    }
    this.onEvent(frame);
  }

  goLive() {
    this.ready = true;
    this.onStatus('live');
    for (const frame of this.pending.values()) this.ws.send(JSON.stringify(frame));
  }

  retry() {
    this.onStatus('offline');
    const backoff = Math.min(10000, 500 * 2 ** this.attempt++) * (0.75 + Math.random() / 2);
    const wait = Math.max(backoff, this.holdUntil - Date.now());
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), wait);
  }

  end() {
    this.stopped = true;
    this.onStatus('ended');
  }

  /** Sends a frame now if live; a message is kept and resent with its nonce until acked. */
  send(frame) {
    if (frame.type === 'send_message') {
      frame.nonce = frame.nonce || crypto.randomUUID();
      this.pending.set(frame.nonce, frame);
    }
    if (this.live) this.ws.send(JSON.stringify(frame));
    return frame.nonce;
  }

  /** Test and debugging hook: drops the socket as a network failure would, stays away ms. */
  drop(ms = 0) {
    this.holdUntil = Date.now() + ms;
    if (this.ws) this.ws.close(4000, 'dropped by client');
  }
}
