// The server rail: direct messages, each server with its unread badge, create and join.
import { h, replace } from '../dom.js';

function badge(totals) {
  if (totals.mentions > 0) return h('span', { class: 'badge mention', 'aria-label': `${totals.mentions} mentions` }, String(totals.mentions));
  if (totals.unread > 0) return h('span', { class: 'badge', 'aria-label': `${totals.unread} unread` }, String(totals.unread));
  return null;
}

function initials(name) {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => [...w][0].toUpperCase()).join('');
}

export function renderServers(el, store, actions) {
  const item = (id, name, label) => {
    const current = store.current.serverId === id;
    return h('li', {},
      h('button', {
        class: 'server' + (current ? ' current' : ''),
        title: name,
        'aria-label': name,
        'aria-current': current ? 'true' : null,
        dataset: { serverId: String(id) },
        onclick: () => actions.selectServer(id),
      }, h('span', { 'aria-hidden': 'true' }, label), badge(store.totals(id))));
  };
  const servers = [...store.servers.values()].sort((a, b) => a.id - b.id);
  replace(el,
    h('ul', {},
      item('dm', 'Direct messages', '✉'),
      servers.map((s) => item(s.id, s.name, initials(s.name))),
      h('li', {}, h('button', { class: 'server add', id: 'create-server', 'aria-label': 'Create a server', title: 'Create a server', onclick: actions.createServer }, '+')),
      h('li', {}, h('button', { class: 'server add', id: 'join-invite', 'aria-label': 'Join with an invite', title: 'Join with an invite', onclick: actions.joinInvite }, '⇥'))));
}
