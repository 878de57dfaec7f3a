// The member column: who is in the server (or the conversation), with their presence.
import { h, replace } from '../dom.js';

const ORDER = { online: 0, idle: 1, dnd: 2, offline: 3 };

export function renderMembers(el, store, actions) {
  const serverId = store.current.serverId;
  let people;
  if (serverId === 'dm') {
    const channel = store.channels.get(store.current.channelId);
    people = (channel?.participantIds || []).map((id) => ({ user_id: id, username: store.usernames.get(id) || `user ${id}` }));
  } else {
    people = [...(store.members.get(serverId)?.values() || [])];
  }
  const status = (p) => store.presence.get(p.user_id) || p.presence || 'offline';
  people.sort((a, b) => ORDER[status(a)] - ORDER[status(b)] || a.username.localeCompare(b.username));
  replace(el,
    h('h2', {}, `Members — ${people.length}`),
    h('ul', { class: 'members' },
      people.map((p) => h('li', { class: 'member', dataset: { userId: String(p.user_id), presence: status(p) } },
        h('span', { class: `dot ${status(p)}`, role: 'img', 'aria-label': status(p) }),
        h('span', { class: 'member-name' }, p.username),
        p.bot ? h('span', { class: 'bot-tag', title: 'This account is a bot' }, 'BOT') : null,
        p.role && p.role !== 'MEMBER' ? h('span', { class: 'role' }, p.role.toLowerCase()) : null,
        p.user_id !== store.me.id ? h('button', { class: 'icon small', 'aria-label': `Message ${p.username}`, title: `Message ${p.username}`, onclick: () => actions.openDm(p.user_id) }, '✉') : null))));
}
