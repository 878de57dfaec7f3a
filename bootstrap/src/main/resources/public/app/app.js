// Parley's web client: wires the REST client, the gateway, the store and the views together.
import { Api } from './api.js';
import { Gateway } from './socket.js';
import { Store } from './store.js';
import { h, replace } from './dom.js';
import { loginView } from './views/login.js';
import { renderServers } from './views/servers.js';
import { renderChannels } from './views/channels.js';
import { renderMessages } from './views/messages.js';
import { renderMembers } from './views/members.js';
import { renderPins } from './views/pins.js';
import { composer } from './views/composer.js';
import { ask, tell } from './views/dialog.js';
import { openIntegrations } from './views/integrations.js';

const PAGE = 50;
const PLACE = 'parley.place';
const root = document.getElementById('root');
const api = new Api(() => location.reload());
window.__parley = { api };

if (api.loggedIn) startChat().catch(showLogin);
else showLogin();

function showLogin() {
  replace(root, loginView(api, () => startChat().catch((e) => alert(e.message))));
  document.getElementById('login-username').focus();
}

async function startChat() {
  const store = new Store();
  store.me = await api.get('/users/me');
  store.usernames.set(store.me.id, store.me.username);
  await loadLists(store);

  let editingId = null;
  let replyTo = null;
  let readTimer = null;

  const serversEl = h('nav', { class: 'servers', 'aria-label': 'Servers' });
  const channelsEl = h('nav', { class: 'sidebar', 'aria-label': 'Channels' });
  const titleEl = h('h2', { id: 'channel-title' });
  const statusEl = h('p', { class: 'status', id: 'connection-status', role: 'status', dataset: { state: 'connecting' } }, 'Connecting…');
  const listEl = h('ol', { class: 'messages', id: 'messages', 'aria-label': 'Messages', 'aria-live': 'polite', tabindex: 0 });
  const typingEl = h('p', { class: 'typing', id: 'typing', 'aria-live': 'polite' });
  const membersEl = h('aside', { class: 'members-pane', 'aria-label': 'Members' });
  const pinsEl = h('section', { class: 'pins-panel', id: 'pins-panel', 'aria-label': 'Pinned messages', hidden: true });
  const pinsToggle = h('button', { class: 'secondary small', id: 'pins-toggle', 'aria-expanded': 'false', 'aria-controls': 'pins-panel', onclick: () => togglePins() }, '📌 Pins');
  const threadBack = h('button', { class: 'secondary small', id: 'thread-back', hidden: true, onclick: () => {
    const thread = store.channels.get(store.current.channelId);
    if (thread?.parentChannelId) selectChannel(thread.parentChannelId);
  } }, '← Back');
  const followToggle = h('button', { class: 'secondary small', id: 'thread-follow', hidden: true, onclick: () => actions.toggleFollow() }, 'Follow');
  const userEl = h('div', { class: 'me' },
    h('span', { class: 'me-name', id: 'me-name' }, store.me.username),
    h('label', { for: 'status-select', class: 'visually-hidden' }, 'Status'),
    h('select', { id: 'status-select', onchange: (e) => gateway.send({ type: 'set_status', status: e.target.value }) },
      ['online', 'idle', 'dnd', 'invisible'].map((s) => h('option', { value: s }, s))),
    h('button', { class: 'secondary small', id: 'export-data', title: 'Everything you wrote and your account, as JSON',
      onclick: () => api.download('/users/me/export', `parley-export-${store.me.username}.json`).catch((e) => showError(e.message)) }, 'Download my data'),
    h('button', { class: 'secondary small', id: 'logout', onclick: () => (gateway.stop(), api.logout().finally(() => location.reload())) }, 'Log out'));

  const actions = {
    selectServer: (id) => selectServer(id),
    selectChannel: (id) => selectChannel(id),
    createServer: async () => {
      const v = await ask('Create a server', [{ name: 'name', label: 'Server name' }], 'Create');
      if (!v) return;
      const server = await guard(api.post('/chat/servers', { name: v.name }));
      if (server) (await loadLists(store), selectServer(server.id));
    },
    joinInvite: async () => {
      const v = await ask('Join a server', [{ name: 'code', label: 'Invite code' }], 'Join');
      if (!v) return;
      const joined = await guard(api.post(`/chat/invites/${encodeURIComponent(v.code)}/join`));
      if (joined) (await loadLists(store), selectServer(joined.id));
    },
    createChannel: async () => {
      const v = await ask('Create a channel', [
        { name: 'name', label: 'Channel name' },
        { name: 'category', label: 'Category (optional)', required: false },
      ], 'Create');
      if (!v) return;
      const body = { name: v.name, type: 'TEXT' };
      if (v.category) body.category = v.category;
      const channel = await guard(api.post(`/chat/servers/${store.current.serverId}/channels`, body));
      if (channel) (store.addChannel(channel), selectChannel(channel.id));
    },
    integrations: () => {
      const server = store.servers.get(store.current.serverId);
      const channel = store.channels.get(store.current.channelId);
      const text = channel && channel.type === 'TEXT';
      openIntegrations(api, {
        serverId: server.id,
        channelId: text ? channel.id : null,
        channelName: text ? channel.name : null,
        owner: (server.owner_id ?? server.ownerId) === store.me.id,
      });
    },
    invite: async () => {
      const invite = await guard(api.post(`/chat/servers/${store.current.serverId}/invites`, { max_age_seconds: 86400 }));
      if (invite) tell('Invite people', 'Share this code; it works for 24 hours:', h('code', { id: 'invite-code' }, invite.code));
    },
    newConversation: async () => {
      const v = await ask('New conversation', [{ name: 'username', label: 'Username' }], 'Start');
      if (!v) return;
      const id = [...store.usernames.entries()].find(([, name]) => name.toLowerCase() === v.username.toLowerCase())?.[0];
      if (id === undefined) return tell('Unknown user', `No user named ${v.username} shares a server with you.`);
      actions.openDm(id);
    },
    openDm: async (userId) => {
      const c = await guard(api.post('/chat/conversations', { participant_ids: [userId], is_group: false }));
      if (!c) return;
      store.addConversation(c);
      selectServer('dm', c.id);
    },
    reply: (m) => {
      replyTo = m;
      box.showReply(m);
    },
    toggleReaction: (m, emoji) => {
      const mine = (m.reactions || []).some((r) => r.emoji === emoji && r.me);
      gateway.send({ type: mine ? 'remove_reaction' : 'add_reaction', messageId: m.id, emoji });
    },
    startEdit: (m) => {
      editingId = m ? m.id : null;
      renderList();
      if (!m) box.focus();
    },
    saveEdit: (m, text) => {
      if (text.trim() && text !== m.text) gateway.send({ type: 'edit_message', messageId: m.id, text });
      actions.startEdit(null);
    },
    remove: (m) => {
      if (confirm('Delete this message?')) gateway.send({ type: 'delete_message', messageId: m.id });
    },
    canModerate: () => ['ADMIN', 'MODERATOR'].includes(store.servers.get(store.current.serverId)?.role),
    // Moderators pin in a server; in a conversation every participant does.
    canPin: () => store.current.serverId === 'dm' || actions.canModerate(),
    togglePin: (m, pin) => gateway.send({ type: pin ? 'pin_message' : 'unpin_message', messageId: m.id }),
    // Threads branch off messages of a text channel or a conversation, never of a thread.
    canThread: () => {
      const channel = store.channels.get(store.current.channelId);
      return !!channel && channel.type !== 'THREAD';
    },
    openThread: async (m) => {
      const thread = m.thread ?? (await guard(api.post(`/chat/messages/${m.id}/thread`, {})));
      if (!thread) return;
      m.thread = m.thread ?? thread;
      store.addThread(thread);
      selectChannel(thread.id);
      // The thread's own view says whether the caller follows it.
      api.get(`/chat/threads/${thread.id}`).then((t) => (store.addThread(t), updateHeader(), store.changed('channels')), () => {});
    },
    toggleFollow: async () => {
      const thread = store.channels.get(store.current.channelId);
      if (!thread || thread.type !== 'THREAD') return;
      const follow = !thread.following;
      const path = `/chat/threads/${thread.id}/follow`;
      try {
        await (follow ? api.put(path) : api.delete(path));
      } catch (e) {
        return tell('Something went wrong', e.message);
      }
      thread.following = follow;
      updateHeader();
      store.changed('channels');
    },
    pendingFor: (channelId) => [...gateway.pending.values()].filter((p) => p.channelId === channelId),
    send: (text) => {
      const channel = store.channels.get(store.current.channelId);
      if (!channel) return;
      const frame = { type: 'send_message', channelId: channel.id, text };
      if (channel.serverId) frame.serverId = channel.serverId;
      if (replyTo) frame.replyTo = replyTo.id;
      gateway.send(frame);
      actions.reply(null);
      renderList();
    },
    typing: (on) => {
      const channel = store.channels.get(store.current.channelId);
      if (channel) gateway.send({ type: on ? 'typing_start' : 'typing_stop', channelId: channel.id, serverId: channel.serverId ?? undefined });
    },
  };

  const box = composer(actions);
  replace(root, h('div', { class: 'layout' },
    serversEl,
    h('div', { class: 'sidebar-pane' }, channelsEl, userEl),
    h('main', { class: 'chat', 'aria-labelledby': 'channel-title' },
      h('header', { class: 'chat-head' }, threadBack, titleEl, followToggle, pinsToggle, statusEl),
      pinsEl, listEl, typingEl, box.el),
    membersEl));

  const gateway = new Gateway(api, () => store.lastSeqs(), onFrame, onStatus);
  window.__parley = { api, store, socket: gateway };

  function onFrame(frame) {
    store.apply(frame);
    if (frame.type === 'member_joined' && frame.userId === store.me.id) loadLists(store).then(renderAll);
    if (frame.type === 'resumed') (store.pins.clear(), loadLists(store).then(renderAll).then(refreshPins)); // channels made, pins changed while away
    if (frame.type === 'resync' && frame.channelId === store.current.channelId) loadHistory();
    if (frame.type === 'error') showError(frame.message);
    if (frame.type === 'message_ack' || (frame.type === 'error' && frame.nonce)) renderList(); // "sending…" ends
    if (frame.type === 'new_message' && store.isViewing(frame.channelId)) markRead();
  }

  function onStatus(state) {
    statusEl.dataset.state = state;
    statusEl.textContent = { connecting: 'Connecting…', live: 'Connected', offline: 'Reconnecting…', ended: 'Signed out' }[state];
    if (state === 'ended') location.reload();
    if (state === 'live') renderList();
  }

  function showError(message) {
    statusEl.textContent = `⚠ ${message}`;
    setTimeout(() => onStatus(statusEl.dataset.state), 4000);
  }

  async function guard(promise) {
    try {
      return await promise;
    } catch (e) {
      await tell('Something went wrong', e.message);
      return null;
    }
  }

  // Rendering: coalesced, and only the parts that changed.
  const dirty = new Set();
  store.subscribe((what, channelId) => {
    if ((what === 'messages' || what === 'pins') && channelId !== store.current.channelId) return;
    dirty.add(what);
    if (dirty.size === 1) queueMicrotask(flush);
  });
  function flush() {
    if (dirty.has('servers')) renderAll();
    if (dirty.has('channels')) (renderServers(serversEl, store, actions), renderChannels(channelsEl, store, actions));
    if (dirty.has('messages')) renderList();
    if (dirty.has('members')) renderMembers(membersEl, store, actions);
    if (dirty.has('typing')) renderTyping();
    if (dirty.has('pins')) refreshPins();
    dirty.clear();
  }

  function renderAll() {
    if (store.current.serverId !== 'dm' && !store.servers.has(store.current.serverId)) return selectServer(firstServer(store));
    renderServers(serversEl, store, actions);
    renderChannels(channelsEl, store, actions);
    renderList();
    renderMembers(membersEl, store, actions);
    renderTyping();
  }

  function renderList() {
    renderMessages(listEl, store, actions, editingId);
  }

  function pinsPath(channel) {
    if (channel.type === 'THREAD') return `/chat/threads/${channel.id}/pins`;
    return channel.serverId === null
      ? `/chat/conversations/${channel.id}/pins`
      : `/chat/servers/${channel.serverId}/channels/${channel.id}/pins`;
  }

  /** Reads the channel's pins when they are not known (first visit, or a pin of an unloaded message). */
  async function refreshPins() {
    const channel = store.channels.get(store.current.channelId);
    if (channel && !store.pins.has(channel.id)) {
      const list = await api.get(pinsPath(channel)).catch(() => null);
      if (list) store.setPins(channel.id, list);
    }
    renderPins(pinsEl, store, actions);
  }

  function togglePins() {
    pinsEl.hidden = !pinsEl.hidden;
    pinsToggle.setAttribute('aria-expanded', String(!pinsEl.hidden));
    refreshPins();
  }

  function renderTyping() {
    const names = store.typists(store.current.channelId);
    typingEl.textContent = names.length === 0 ? '' : names.length === 1 ? `${names[0]} is typing…` : `${names.join(', ')} are typing…`;
  }
  setInterval(renderTyping, 2000);

  function selectServer(serverId, channelId) {
    store.current = { serverId, channelId: null };
    if (serverId !== 'dm' && serverId !== null) {
      api.get(`/chat/servers/${serverId}/members`).then((list) => store.learnMembers(serverId, list), () => {});
    }
    const channels = serverId === 'dm' ? store.conversations() : store.channelsOf(serverId);
    const saved = JSON.parse(sessionStorage.getItem(PLACE) || '{}');
    const pick = channelId ?? (channels.some((c) => c.id === saved.channelId) ? saved.channelId : channels.find((c) => c.type !== 'VOICE')?.id);
    if (pick) selectChannel(pick);
    else (renderAll(), updateHeader());
  }

  function selectChannel(channelId) {
    store.current.channelId = channelId;
    sessionStorage.setItem(PLACE, JSON.stringify(store.current));
    editingId = null;
    actions.reply(null);
    updateHeader();
    renderAll();
    if (!store.history(channelId).loaded) loadHistory();
    refreshPins();
    markRead();
    box.focus();
  }

  function updateHeader() {
    const channel = store.channels.get(store.current.channelId);
    const thread = channel?.type === 'THREAD';
    const name = !channel ? '' : thread ? '🧵 ' + channel.name : channel.serverId === null ? '@ ' + store.conversationName(channel) : '# ' + channel.name;
    threadBack.hidden = !thread;
    followToggle.hidden = !thread;
    followToggle.textContent = channel?.following ? 'Unfollow' : 'Follow';
    followToggle.setAttribute('aria-pressed', String(!!channel?.following));
    titleEl.textContent = name;
    document.title = name ? `${name} — Parley` : 'Parley';
    box.setEnabled(!!channel, channel ? `Message ${name}` : 'Pick a channel');
  }

  function historyPath(channel, query) {
    if (channel.type === 'THREAD') return `/chat/threads/${channel.id}/messages?${query}`;
    return channel.serverId === null
      ? `/chat/conversations/${channel.id}/messages?${query}`
      : `/chat/servers/${channel.serverId}/channels/${channel.id}/messages?${query}`;
  }

  async function loadHistory() {
    const channel = store.channels.get(store.current.channelId);
    if (!channel) return;
    const page = await guard(api.get(historyPath(channel, `limit=${PAGE}`)));
    if (!page) return;
    store.mergeMessages(channel.id, page);
    const history = store.history(channel.id);
    history.loaded = true;
    history.complete = page.length < PAGE;
    if (store.current.channelId === channel.id) (renderList(), fillViewport());
  }

  /** Older pages as the reader scrolls up. */
  let loadingOlder = false;
  async function loadOlder() {
    const channel = store.channels.get(store.current.channelId);
    const history = channel && store.history(channel.id);
    if (!history || !history.loaded || history.complete || loadingOlder || !history.list.length) return;
    loadingOlder = true;
    try {
      const page = await api.get(historyPath(channel, `limit=${PAGE}&before=${history.list[0].id}`));
      store.mergeMessages(channel.id, page);
      history.complete = page.length < PAGE;
      if (store.current.channelId === channel.id) renderList();
    } finally {
      loadingOlder = false;
    }
    fillViewport();
  }
  function fillViewport() {
    if (listEl.scrollTop < 80) loadOlder();
  }
  listEl.addEventListener('scroll', fillViewport);

  function markRead() {
    clearTimeout(readTimer);
    readTimer = setTimeout(() => {
      const channel = store.channels.get(store.current.channelId);
      if (!channel || document.visibilityState !== 'visible') return;
      if (channel.unread || channel.lastReadSeq < channel.lastSeq) {
        channel.unread = 0;
        channel.mentions = 0;
        gateway.send({ type: 'mark_read', channelId: channel.id, seq: channel.lastSeq });
        store.changed('channels');
      }
    }, 300);
  }
  document.addEventListener('visibilitychange', markRead);

  gateway.start();
  const saved = JSON.parse(sessionStorage.getItem(PLACE) || '{}');
  if (saved.serverId === 'dm' || store.servers.has(saved.serverId)) selectServer(saved.serverId, store.channels.has(saved.channelId) ? saved.channelId : undefined);
  else selectServer(firstServer(store));
}

function firstServer(store) {
  const list = [...store.servers.values()];
  return (list.find((s) => s.is_public) || list[0])?.id ?? 'dm';
}

/** Servers, their channels, conversations, read state; and names from the public server. */
async function loadLists(store) {
  const [servers, conversations, readStates, followed] = await Promise.all([
    api.get('/chat/servers'),
    api.get('/chat/conversations'),
    api.get('/chat/read-state'),
    api.get('/chat/threads'),
  ]);
  const channelLists = await Promise.all(servers.map((s) => api.get(`/chat/servers/${s.id}/channels`)));
  channelLists.flat().forEach((c) => store.addChannel(c));
  conversations.forEach((c) => store.addConversation(c));
  store.applyReadStates(readStates);
  for (const f of followed) {
    store.addThread(f.thread, true);
    Object.assign(store.channels.get(f.thread.id), { unread: f.unreadCount, mentions: f.mentionCount });
  }
  const known = new Set([...channelLists.flat().map((c) => c.id), ...conversations.map((c) => c.id)]);
  // A thread stays while its parent channel does; followed ones are listed, others were opened.
  for (const [id, c] of store.channels) if (!known.has(id) && !(c.type === 'THREAD' && known.has(c.parentChannelId))) store.channels.delete(id);
  const pub = servers.find((s) => s.is_public);
  if (pub && !store.members.has(pub.id)) store.learnMembers(pub.id, await api.get(`/chat/servers/${pub.id}/members`));
  store.setServers(servers);
}
