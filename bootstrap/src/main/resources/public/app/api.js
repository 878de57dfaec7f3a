// REST client of Parley's native API: bearer tokens kept per tab, refreshed once on a 401.

const KEY = 'parley.session';

/** An error answered by the server, with its stable code ("conflict", "not_found", ...). */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.message || body.detail)) || `HTTP ${status}`);
    this.status = status;
    this.code = body && body.error;
  }
}

export class Api {
  constructor(onLoggedOut) {
    this.onLoggedOut = onLoggedOut;
    // Per tab (sessionStorage), so two tabs of one browser can be two users; survives reloads.
    this.session = JSON.parse(sessionStorage.getItem(KEY) || 'null');
  }

  get loggedIn() {
    return !!this.session;
  }

  async register(username, password) {
    await this.request('POST', '/auth/register', { username, password }, false);
    return this.login(username, password);
  }

  async login(username, password) {
    this.save(await this.request('POST', '/auth/login', { username, password }, false));
  }

  async logout() {
    try {
      await this.request('POST', '/auth/logout', {});
    } finally {
      this.save(null);
    }
  }

  save(tokens) {
    this.session = tokens && { access: tokens.access_token, refresh: tokens.refresh_token };
    if (this.session) sessionStorage.setItem(KEY, JSON.stringify(this.session));
    else sessionStorage.removeItem(KEY);
  }

  get(path) {
    return this.request('GET', path);
  }

  post(path, body = {}) {
    return this.request('POST', path, body);
  }

  patch(path, body) {
    return this.request('PATCH', path, body);
  }

  put(path, body) {
    return this.request('PUT', path, body);
  }

  delete(path) {
    return this.request('DELETE', path);
  }

  async request(method, path, body, authenticated = true, retried = false) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (authenticated && this.session) headers.Authorization = `Bearer ${this.session.access}`;
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401 && authenticated && !retried && (await this.refresh())) {
      return this.request(method, path, body, authenticated, true);
    }
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      if (response.status === 401 && authenticated) this.expired();
      throw new ApiError(response.status, data);
    }
    return data;
  }

  /** Trades the refresh token for new tokens; false when the session is over. */
  async refresh() {
    if (!this.session) return false;
    if (!this.refreshing) {
      this.refreshing = fetch('/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refresh_token: this.session.refresh }),
      })
        .then(async (r) => (r.ok ? (this.save(await r.json()), true) : false))
        .catch(() => false)
        .finally(() => (this.refreshing = null));
    }
    return this.refreshing;
  }

  expired() {
    this.save(null);
    this.onLoggedOut();
  }

  /**
   * Downloads a file answered by an authenticated GET (the bearer token cannot ride a plain link)
   * and hands it to the browser to save under the given name.
   */
  async download(path, filename, retried = false) {
    const response = await fetch(path, {
      headers: { Authorization: `Bearer ${this.session && this.session.access}` },
    });
    if (response.status === 401 && !retried && (await this.refresh())) {
      return this.download(path, filename, true);
    }
    if (!response.ok) {
      const text = await response.text();
      throw new ApiError(response.status, text ? JSON.parse(text) : null);
    }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  /** A single-use ticket for one socket, so the token never appears in a URL. */
  async socketTicket() {
    return (await this.post('/auth/socket-ticket')).ticket;
  }
}
