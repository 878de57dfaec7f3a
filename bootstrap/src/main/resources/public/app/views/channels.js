// The channel column: the current server's channels grouped by category, or the conversations.
import { h, replace } from '../dom.js';

function channelButton(store, channel, label, actions) {
  const current = store.current.channelId === channel.id;
  const voice = channel.type === 'VOICE';
  return h('li', {},
    h('button', {
      class: 'channel' + (current ? ' current' : '') + (channel.unread ? ' unread' : ''),
      'aria-current': current ? 'true' : null,
      disabled: voice,
      title: voice ? 'Voice channels are not supported here' : null,
      dataset: { channelId: String(channel.id) },
      onclick: () => actions.selectChannel(channel.id),
    },
    h('span', { class: 'channel-name' }, label),
    channel.mentions ? h('span', { class: 'badge mention', 'aria-label': `${channel.mentions} mentions` }, String(channel.mentions))
      : channel.unread ? h('span', { class: 'badge', 'aria-label': `${channel.unread} unread` }, String(channel.unread)) : null));
}

export function renderChannels(el, store, actions) {
  const serverId = store.current.serverId;
  if (serverId === 'dm') {
    replace(el,
      h('header', { class: 'column-head' }, h('h2', {}, 'Direct messages'),
        h('button', { class: 'icon', id: 'new-dm', 'aria-label': 'New conversation', title: 'New conversation', onclick: actions.newConversation }, '+')),
      h('ul', { class: 'channels', 'aria-label': 'Conversations' },
        store.conversations().map((c) => channelButton(store, c, '@ ' + store.conversationName(c), actions))),
      threadsSection(store, 'dm', actions));
    return;
  }
  const server = store.servers.get(serverId);
  if (!server) return replace(el);
  const groups = new Map();
  for (const c of store.channelsOf(serverId)) {
    const key = c.category || '';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(c);
  }
  replace(el,
    h('header', { class: 'column-head' }, h('h2', { id: 'server-name' }, server.name),
      server.is_public ? null : h('button', { class: 'icon', id: 'invite', 'aria-label': 'Invite people', title: 'Invite people', onclick: actions.invite }, '✉+'),
      server.role === 'ADMIN' && !server.is_public ? h('button', { class: 'icon', id: 'integrations', 'aria-label': 'Integrations', title: 'Bots, webhooks and export', onclick: actions.integrations }, '⚙') : null,
      h('button', { class: 'icon', id: 'create-channel', 'aria-label': 'Create a channel', title: 'Create a channel', onclick: actions.createChannel }, '+')),
    [...groups.entries()].map(([category, list]) =>
      h('section', { class: 'category', 'aria-label': category || 'Channels' },
        category ? h('h3', {}, category) : null,
        h('ul', { class: 'channels' }, list.map((c) => channelButton(store, c, (c.type === 'VOICE' ? '🔊 ' : '# ') + c.name, actions))))),
    threadsSection(store, serverId, actions));
}

/** The threads the user follows in this server, under the channels. */
function threadsSection(store, serverId, actions) {
  const threads = store.threadsOf(serverId);
  if (!threads.length) return null;
  return h('section', { class: 'category', id: 'followed-threads', 'aria-label': 'Threads' },
    h('h3', {}, 'Threads'),
    h('ul', { class: 'channels' }, threads.map((t) => channelButton(store, t, '🧵 ' + t.name, actions))));
}
