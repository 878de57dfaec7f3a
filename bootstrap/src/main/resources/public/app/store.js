// Client state, and how each gateway event changes it. Views read it; nothing here touches DOM.

const TYPING_MS = 8000;

export class Store {
  constructor() {
    this.me = null;
    this.servers = new Map(); // id -> server (as REST returns it)
    this.channels = new Map(); // id -> channel: server channels and conversations alike
    this.messages = new Map(); // channelId -> {list (by seq), loaded, complete}
    this.members = new Map(); // serverId -> Map userId -> member
    this.usernames = new Map(); // userId -> username, learned from every source
    this.presence = new Map(); // userId -> status
    this.typing = new Map(); // channelId -> Map userId -> {username, until}
    this.pins = new Map(); // channelId -> [{message, pinnedBy, pinnedByName, pinnedAt}], latest first
    this.threadParents = new Map(); // thread id -> {channelId, messageId} of the message it branches from
    this.current = { serverId: null, channelId: null }; // serverId 'dm' for conversations
    this.listeners = new Set();
  }

  /** The channel's pins as REST lists them. */
  setPins(channelId, list) {
    this.pins.set(channelId, list);
    this.changed('pins', channelId);
    this.changed('messages', channelId);
  }

  isPinned(channelId, messageId) {
    return (this.pins.get(channelId) || []).some((p) => p.message.id === messageId);
  }

  /** Calls fn(what) after each change; what: 'servers', 'channels', 'messages', 'members', 'typing', 'pins'. */
  subscribe(fn) {
    this.listeners.add(fn);
  }

  changed(what, detail) {
    for (const fn of this.listeners) fn(what, detail);
  }

  setServers(list) {
    this.servers = new Map(list.map((s) => [s.id, s]));
    this.changed('servers');
  }

  addChannel(channel) {
    const old = this.channels.get(channel.id) || {};
    const merged = { unread: 0, mentions: 0, lastSeq: 0, lastReadSeq: 0, ...old, ...channel };
    merged.serverId = channel.server_id ?? channel.serverId ?? old.serverId ?? null;
    merged.lastSeq = Math.max(old.lastSeq || 0, channel.last_seq || 0);
    if (channel.unread_count !== undefined) merged.unread = channel.unread_count;
    if (channel.mention_count !== undefined) merged.mentions = channel.mention_count;
    if (channel.last_read_seq !== undefined) merged.lastReadSeq = channel.last_read_seq;
    this.channels.set(channel.id, merged);
  }

  /** A conversation (REST) or conversation_created (event), as a serverless channel. */
  addConversation(c) {
    this.addChannel({
      id: c.id ?? c.channelId,
      server_id: null,
      name: c.name,
      type: c.type ?? c.kind,
      participantIds: c.participant_ids ?? c.participantIds,
      last_seq: c.last_seq ?? 0,
    });
  }

  applyReadStates(states) {
    for (const s of states) {
      const channel = this.channels.get(s.channel_id);
      if (!channel) continue;
      Object.assign(channel, {
        lastSeq: Math.max(channel.lastSeq, s.last_seq),
        lastReadSeq: s.last_read_seq,
        unread: s.unread_count,
        mentions: s.mention_count,
      });
    }
  }

  /** A thread (REST or thread_created) as a channel of its server, remembered with its parent. */
  addThread(t, following) {
    this.threadParents.set(t.id, { channelId: t.channelId, messageId: t.messageId });
    const old = this.channels.get(t.id);
    this.addChannel({
      id: t.id,
      server_id: t.serverId,
      name: t.name,
      type: 'THREAD',
      parentChannelId: t.channelId,
      parentMessageId: t.messageId,
      last_seq: t.lastSeq,
      following: following ?? t.following ?? old?.following ?? false,
    });
  }

  /** The threads of a server ('dm': of conversations) the user follows, latest first. */
  threadsOf(serverId) {
    const owner = serverId === 'dm' ? null : serverId;
    return [...this.channels.values()]
      .filter((c) => c.type === 'THREAD' && c.serverId === owner && c.following)
      .sort((a, b) => b.lastSeq - a.lastSeq || b.id - a.id);
  }

  channelsOf(serverId) {
    return [...this.channels.values()]
      .filter((c) => c.serverId === serverId && c.type !== 'THREAD')
      .sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || a.id - b.id);
  }

  conversations() {
    return [...this.channels.values()].filter((c) => c.serverId === null && c.type !== 'THREAD');
  }

  /** Unread and mention totals of a server ('dm' for all conversations). */
  totals(serverId) {
    const list = serverId === 'dm' ? this.conversations() : this.channelsOf(serverId);
    return list.reduce(
      (t, c) => ({ unread: t.unread + c.unread, mentions: t.mentions + c.mentions }),
      { unread: 0, mentions: 0 },
    );
  }

  /** What the gateway's resume asks for: the last seq seen of every channel we know. */
  lastSeqs() {
    const seqs = {};
    for (const c of this.channels.values()) seqs[c.id] = c.lastSeq;
    return seqs;
  }

  conversationName(channel) {
    if (channel.name) return channel.name;
    const others = (channel.participantIds || []).filter((id) => id !== this.me.id);
    return others.map((id) => this.usernames.get(id) || `user ${id}`).join(', ') || 'Just you';
  }

  learnMembers(serverId, list) {
    const map = new Map();
    for (const m of list) {
      map.set(m.user_id, m);
      this.usernames.set(m.user_id, m.username);
      if (m.presence && !this.presence.has(m.user_id)) this.presence.set(m.user_id, m.presence);
    }
    this.members.set(serverId, map);
    this.changed('members');
  }

  history(channelId) {
    if (!this.messages.has(channelId)) {
      this.messages.set(channelId, { list: [], loaded: false, complete: false });
    }
    return this.messages.get(channelId);
  }

  /** Merges messages in (history pages, live or replayed ones): one copy per id, in seq order. */
  mergeMessages(channelId, messages) {
    const h = this.history(channelId);
    const byId = new Map(h.list.map((m) => [m.id, m]));
    for (const m of messages) {
      byId.set(m.id, { ...byId.get(m.id), ...m });
      this.usernames.set(m.userId, m.user);
      if (m.thread) this.threadParents.set(m.thread.id, { channelId: m.channelId, messageId: m.id });
    }
    h.list = [...byId.values()].sort((a, b) => a.seq - b.seq);
    const channel = this.channels.get(channelId);
    if (channel && h.list.length) channel.lastSeq = Math.max(channel.lastSeq, h.list.at(-1).seq);
  }

  findMessage(channelId, id) {
    return this.messages.get(channelId)?.list.find((m) => m.id === id);
  }

  isViewing(channelId) {
    return this.current.channelId === channelId && document.visibilityState === 'visible';
  }

  /** Applies one gateway frame. */
  apply(f) {
    const handler = this['on_' + f.type];
    if (handler) handler.call(this, f);
  }

  on_new_message(f) {
    this.countReply(f);
    const channel = this.channels.get(f.channelId);
    if (!channel) return; // e.g. a channel created while we were away: lists reload on resume
    const known = f.seq <= channel.lastSeq && this.findMessage(f.channelId, f.id);
    if (this.messages.get(f.channelId)?.loaded) {
      const { type, ...message } = f;
      this.mergeMessages(f.channelId, [{ reactions: [], attachments: [], ...message }]);
    }
    channel.lastSeq = Math.max(channel.lastSeq, f.seq);
    this.typing.get(f.channelId)?.delete(f.userId);
    if (!known && f.userId !== this.me.id && !this.isViewing(f.channelId)) {
      channel.unread += 1;
      if ((f.mentions || []).includes(this.me.id)) channel.mentions += 1;
    }
    this.changed('messages', f.channelId);
    this.changed('channels');
  }

  /** A reply in a thread: its parent message shows one more reply (once per seq). */
  countReply(f) {
    const parent = this.threadParents.get(f.channelId);
    const m = parent && this.findMessage(parent.channelId, parent.messageId);
    if (!m || !m.thread || f.seq <= m.thread.lastSeq) return;
    m.thread = { ...m.thread, replyCount: m.thread.replyCount + 1, lastReplyAt: f.timestamp, lastSeq: f.seq };
    this.changed('messages', parent.channelId);
  }

  on_thread_created(f) {
    const t = f.thread;
    const m = this.findMessage(t.channelId, t.messageId);
    if (m) m.thread = t;
    // Who starts a thread or wrote its message follows it.
    const following = t.createdBy === this.me.id || m?.userId === this.me.id;
    this.addThread(t, following || undefined);
    this.changed('messages', t.channelId);
    this.changed('channels');
  }

  on_message_updated(f) {
    const m = this.findMessage(f.channelId, f.id);
    if (m) Object.assign(m, { text: f.text, editedAt: f.editedAt });
    this.changed('messages', f.channelId);
  }

  on_message_deleted(f) {
    const m = this.findMessage(f.channelId, f.id);
    if (m) Object.assign(m, { deleted: true, text: '', reactions: [] });
    this.unpin(f.channelId, f.id);
    this.changed('messages', f.channelId);
  }

  on_message_pinned(f) {
    const m = this.findMessage(f.channelId, f.messageId);
    if (!this.pins.has(f.channelId)) return; // never listed here: the list is read when shown
    if (!m) return this.pins.delete(f.channelId), this.changed('pins', f.channelId); // read it again
    this.unpin(f.channelId, f.messageId);
    this.pins.get(f.channelId).unshift({ message: m, pinnedBy: f.userId, pinnedByName: f.username, pinnedAt: f.at });
    this.changed('pins', f.channelId);
    this.changed('messages', f.channelId);
  }

  on_message_unpinned(f) {
    this.unpin(f.channelId, f.messageId);
    this.changed('pins', f.channelId);
    this.changed('messages', f.channelId);
  }

  unpin(channelId, messageId) {
    const list = this.pins.get(channelId);
    if (list) this.pins.set(channelId, list.filter((p) => p.message.id !== messageId));
  }

  on_reaction_added(f) {
    this.react(f, true);
  }

  on_reaction_removed(f) {
    this.react(f, false);
  }

  react(f, added) {
    const m = this.findMessage(f.channelId, f.messageId);
    if (!m) return;
    const others = (m.reactions || []).filter((r) => r.emoji !== f.emoji);
    const old = (m.reactions || []).find((r) => r.emoji === f.emoji);
    const userIds = new Set(old ? old.userIds : []);
    if (added) userIds.add(f.userId);
    else userIds.delete(f.userId);
    const reaction = { emoji: f.emoji, count: f.count, userIds: [...userIds], me: userIds.has(this.me.id) };
    m.reactions = f.count > 0 ? [...others, reaction] : others;
    this.changed('messages', f.channelId);
  }

  on_typing_start(f) {
    if (!this.typing.has(f.channelId)) this.typing.set(f.channelId, new Map());
    this.typing.get(f.channelId).set(f.userId, { username: f.username, until: Date.now() + TYPING_MS });
    this.changed('typing');
  }

  on_typing_stop(f) {
    this.typing.get(f.channelId)?.delete(f.userId);
    this.changed('typing');
  }

  /** Who is typing in a channel now. */
  typists(channelId) {
    const now = Date.now();
    return [...(this.typing.get(channelId)?.values() || [])].filter((t) => t.until > now).map((t) => t.username);
  }

  on_presence_update(f) {
    this.presence.set(f.userId, f.status);
    this.usernames.set(f.userId, f.username);
    this.changed('members');
  }

  on_read_state(f) {
    const channel = this.channels.get(f.channelId);
    if (!channel) return;
    channel.lastReadSeq = Math.max(channel.lastReadSeq, f.lastReadSeq);
    channel.unread = Math.max(0, channel.lastSeq - channel.lastReadSeq);
    if (channel.unread === 0) channel.mentions = 0;
    this.changed('channels');
  }

  on_channel_created(f) {
    this.addChannel(f.channel);
    this.changed('channels');
  }

  on_channel_updated(f) {
    this.addChannel(f.channel);
    this.changed('channels');
  }

  on_channel_deleted(f) {
    this.channels.delete(f.channelId);
    // Its threads went with it.
    for (const [id, c] of this.channels) if (c.parentChannelId === f.channelId) this.channels.delete(id);
    if (this.current.channelId === f.channelId) this.current.channelId = null;
    this.changed('channels');
  }

  on_conversation_created(f) {
    this.addConversation(f);
    this.changed('channels');
  }

  on_server_updated(f) {
    this.servers.set(f.serverId, { ...this.servers.get(f.serverId), ...f.server });
    this.changed('servers');
  }

  on_server_deleted(f) {
    this.dropServer(f.serverId);
  }

  on_member_left(f) {
    if (f.userId === this.me.id) return this.dropServer(f.serverId);
    this.members.get(f.serverId)?.delete(f.userId);
    this.changed('members');
  }

  on_member_joined(f) {
    this.usernames.set(f.userId, f.username);
    this.members.get(f.serverId)?.set(f.userId, { user_id: f.userId, username: f.username, role: f.role, bot: !!f.bot });
    this.changed('members');
  }

  on_member_updated(f) {
    const m = this.members.get(f.serverId)?.get(f.userId);
    if (m) Object.assign(m, { role: f.role, timeout_until: f.timeoutUntil });
    this.changed('members');
  }

  on_resync(f) {
    this.messages.delete(f.channelId); // too far behind: the view reloads its history
    this.changed('messages', f.channelId);
  }

  dropServer(serverId) {
    this.servers.delete(serverId);
    for (const [id, c] of this.channels) if (c.serverId === serverId) this.channels.delete(id); // threads too
    if (this.current.serverId === serverId) this.current = { serverId: null, channelId: null };
    this.changed('servers');
  }
}
