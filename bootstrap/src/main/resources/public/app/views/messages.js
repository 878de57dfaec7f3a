// The message list of the current channel: text-only rendering, actions, paging on scroll.
import { h, replace, shortTime } from '../dom.js';

const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉'];

/** Text with @mentions highlighted; every piece is a text node, never HTML. */
function messageText(text, store) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(/@([A-Za-z0-9_.-]{3,32})/g)) {
    parts.push(text.slice(last, match.index));
    const mine = match[1].toLowerCase() === store.me.username.toLowerCase();
    parts.push(h('span', { class: 'mention' + (mine ? ' mine' : '') }, match[0]));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

function reactions(m, actions) {
  if (!m.reactions || !m.reactions.length) return null;
  return h('div', { class: 'reactions' },
    m.reactions.map((r) => h('button', {
      class: 'reaction' + (r.me ? ' mine' : ''),
      'aria-pressed': r.me ? 'true' : 'false',
      'aria-label': `${r.emoji} ${r.count}`,
      onclick: () => actions.toggleReaction(m, r.emoji),
    }, `${r.emoji} ${r.count}`)));
}

function replyRef(m, store) {
  if (!m.replyTo) return null;
  const target = store.findMessage(m.channelId, m.replyTo);
  const summary = target ? (target.deleted ? 'a deleted message' : `${target.user}: ${target.text.slice(0, 80)}`) : 'an earlier message';
  return h('div', { class: 'reply-ref' }, '↪ ', summary);
}

/** WEBHOOK for a message an incoming webhook posted (its author is the name it gave), BOT for a bot's. */
function authorTag(m) {
  if (m.webhookId != null) return h('span', { class: 'bot-tag webhook-tag', title: 'Posted by an incoming webhook' }, 'WEBHOOK');
  return m.bot ? h('span', { class: 'bot-tag', title: 'This account is a bot' }, 'BOT') : null;
}

function messageItem(m, store, actions, editingId) {
  const mine = m.userId === store.me.id;
  const pinned = store.isPinned(m.channelId, m.id);
  const mentionsMe = (m.mentions || []).includes(store.me.id);
  const body = m.deleted
    ? h('div', { class: 'text deleted' }, 'This message was deleted.')
    : editingId === m.id
      ? editForm(m, actions)
      : h('div', { class: 'text' }, messageText(m.text, store));
  // Focusable, so keyboard users reach its actions (shown on hover and on focus within).
  return h('li', { class: 'message' + (mentionsMe ? ' mentions-me' : ''), id: `m-${m.id}`, tabindex: 0, dataset: { id: String(m.id), seq: String(m.seq) } },
    replyRef(m, store),
    h('div', { class: 'meta' },
      h('span', { class: 'author' }, m.user),
      authorTag(m),
      ' ',
      h('time', { datetime: m.timestamp }, shortTime(m.timestamp)),
      m.editedAt && !m.deleted ? h('span', { class: 'edited' }, ' (edited)') : null,
      pinned ? h('span', { class: 'pinned-badge', title: 'Pinned' }, ' 📌 Pinned') : null),
    body,
    m.deleted ? null : reactions(m, actions),
    threadLink(m, actions),
    m.deleted ? null : h('div', { class: 'actions', role: 'group', 'aria-label': 'Message actions' },
      h('button', { class: 'act-reply', onclick: () => actions.reply(m) }, 'Reply'),
      QUICK_REACTIONS.map((e) => h('button', { class: 'act-react', 'aria-label': `React with ${e}`, onclick: () => actions.toggleReaction(m, e) }, e)),
      actions.canThread() && !m.thread ? h('button', { class: 'act-thread', onclick: () => actions.openThread(m) }, 'Thread') : null,
      mine ? h('button', { class: 'act-edit', onclick: () => actions.startEdit(m) }, 'Edit') : null,
      actions.canPin() ? h('button', { class: 'act-pin', onclick: () => actions.togglePin(m, !pinned) }, pinned ? 'Unpin' : 'Pin') : null,
      mine || actions.canModerate() ? h('button', { class: 'act-delete', onclick: () => actions.remove(m) }, 'Delete') : null));
}

/** The thread a message started: its reply count and last reply; opens it. */
function threadLink(m, actions) {
  if (!m.thread) return null;
  const n = m.thread.replyCount;
  return h('button', { class: 'thread-link', onclick: () => actions.openThread(m) },
    `🧵 ${m.thread.name} · ${n} ${n === 1 ? 'reply' : 'replies'}`,
    m.thread.lastReplyAt ? h('span', { class: 'last-reply' }, ` · last ${shortTime(m.thread.lastReplyAt)}`) : null);
}

function editForm(m, actions) {
  const input = h('input', { class: 'edit-input', 'aria-label': 'Edit message', value: m.text, maxlength: 4000 });
  const form = h('form', {
    class: 'edit',
    onsubmit: (e) => (e.preventDefault(), actions.saveEdit(m, input.value)),
    onkeydown: (e) => e.key === 'Escape' && actions.startEdit(null),
  }, input, h('button', {}, 'Save'), h('button', { type: 'button', class: 'secondary', onclick: () => actions.startEdit(null) }, 'Cancel'));
  queueMicrotask(() => input.focus());
  return form;
}

/** Elements of rendered messages, reused while what they show is unchanged (keeps focus too). */
const rendered = new Map(); // message id -> {key, el}

function cachedItem(m, store, actions, editingId) {
  const target = m.replyTo ? store.findMessage(m.channelId, m.replyTo) : null;
  const key = JSON.stringify([m.text, m.editedAt, m.deleted, m.reactions, target?.text, target?.deleted, editingId === m.id, store.isPinned(m.channelId, m.id), actions.canPin(), actions.canThread(), m.thread]);
  const hit = rendered.get(m.id);
  if (hit && hit.key === key) return hit.el;
  const el = messageItem(m, store, actions, editingId);
  rendered.set(m.id, { key, el });
  return el;
}

/** Renders the list; keeps the reader's place (bottom stays bottom, older pages push up). */
export function renderMessages(list, store, actions, editingId) {
  const channelId = store.current.channelId;
  const history = channelId ? store.history(channelId) : null;
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const fromBottom = list.scrollHeight - list.scrollTop;
  const sameChannel = list.dataset.channelId === String(channelId);
  const firstId = list.querySelector('.message')?.dataset.id;
  list.dataset.channelId = String(channelId);
  if (!sameChannel) rendered.clear();
  if (!history) return replace(list, h('li', { class: 'empty' }, 'Pick a channel.'));
  reconcile(list, [
    banner(history.complete ? 'This is the start of the channel.' : history.loaded ? 'Scroll up for older messages…' : 'Loading…'),
    ...history.list.map((m) => cachedItem(m, store, actions, editingId)),
    ...[...actions.pendingFor(channelId)].map((p) => h('li', { class: 'message pending', 'aria-label': 'Sending' },
      h('div', { class: 'meta' }, h('span', { class: 'author' }, store.me.username), ' sending…'),
      h('div', { class: 'text' }, p.text))),
  ]);
  const newFirst = list.querySelector('.message')?.dataset.id;
  if (!sameChannel || atBottom) list.scrollTop = list.scrollHeight;
  else if (firstId !== newFirst) list.scrollTop = list.scrollHeight - fromBottom; // older page added above
}

const banners = new Map();
function banner(text) {
  if (!banners.has(text)) banners.set(text, h('li', { class: 'banner' }, text));
  return banners.get(text);
}

/** Makes list's children exactly nodes, moving only what moved (focus and hover survive). */
function reconcile(list, nodes) {
  nodes.forEach((node, i) => {
    if (list.children[i] !== node) list.insertBefore(node, list.children[i] || null);
  });
  while (list.children.length > nodes.length) list.lastElementChild.remove();
}
