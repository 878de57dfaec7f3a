// The server's integrations, for its admins: bots, incoming webhooks of the current channel,
// outgoing event webhooks, and the owner's server export. Secrets are shown once, as created.
import { h, replace } from '../dom.js';

const EVENTS = ['message.created', 'message.edited', 'message.deleted', 'member.joined', 'member.left', 'reaction.changed'];

/** Opens the dialog; everything in it is read and changed over REST. */
export function openIntegrations(api, { serverId, channelId, channelName, owner }) {
  const body = h('div', { class: 'integrations' });
  const notice = h('p', { class: 'secret', id: 'integration-secret', role: 'status' });
  const dialog = h('dialog', { 'aria-labelledby': 'int-title', id: 'integrations-dialog' },
    h('h2', { id: 'int-title' }, 'Integrations'),
    notice,
    body,
    h('div', { class: 'row' }, h('button', { id: 'int-close', onclick: () => dialog.close() }, 'Close')));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();

  const show = (label, value) => replace(notice, `${label} (shown once): `, h('code', {}, value));
  const fail = (e) => replace(notice, `⚠ ${e.message}`);
  const run = (work) => work().then(render, fail);

  async function render() {
    const [bots, hooks, outgoing] = await Promise.all([
      api.get(`/chat/servers/${serverId}/bots`),
      channelId ? api.get(`/chat/channels/${channelId}/webhooks`).catch(() => null) : null,
      api.get(`/chat/servers/${serverId}/webhooks`),
    ]);
    replace(body,
      section('Bots', 'bots',
        bots.map((b) => h('li', { dataset: { id: String(b.id) } },
          h('span', {}, b.username), ' ',
          h('button', { class: 'secondary small act-rotate', onclick: () => run(async () => show(`Token of ${b.username}`, (await api.post(`/chat/servers/${serverId}/bots/${b.id}/token`)).token)) }, 'New token'),
          (b.has_token ?? b.hasToken) ? h('button', { class: 'secondary small act-revoke', onclick: () => run(() => api.delete(`/chat/servers/${serverId}/bots/${b.id}/token`)) }, 'Revoke') : null)),
        form('bot-name', 'Bot name', 'Create bot', (name) => run(async () => show('Bot token', (await api.post(`/chat/servers/${serverId}/bots`, { name })).token)))),
      hooks === null ? null : section(`Incoming webhooks of #${channelName}`, 'hooks',
        hooks.map((w) => h('li', { dataset: { id: String(w.id) } },
          h('span', {}, w.name), ' ',
          h('button', { class: 'secondary small act-revoke', onclick: () => run(() => api.delete(`/chat/channels/${channelId}/webhooks/${w.id}`)) }, 'Revoke'))),
        form('hook-name', 'Webhook name', 'Create webhook', (name) => run(async () => {
          const made = await api.post(`/chat/channels/${channelId}/webhooks`, { name });
          show('POST messages to', location.origin + made.url);
        }))),
      section('Event webhooks', 'outgoing',
        outgoing.map((w) => h('li', { dataset: { id: String(w.id) } },
          h('span', {}, `${w.url} (${w.events.join(', ')})${w.active ? '' : ' — disabled'}`), ' ',
          h('button', { class: 'secondary small act-delete', onclick: () => run(() => api.delete(`/chat/servers/${serverId}/webhooks/${w.id}`)) }, 'Delete'))),
        form('outgoing-url', 'Receiver URL (https://…)', 'Subscribe to every event', (url) => run(async () => {
          const made = await api.post(`/chat/servers/${serverId}/webhooks`, { url, events: EVENTS });
          show('Signing secret', made.secret);
        }))),
      owner ? h('section', {}, h('h3', {}, 'Export'),
        h('button', { class: 'secondary', id: 'export-server', onclick: () => api.download(`/chat/servers/${serverId}/export`, `parley-server-${serverId}.json`).catch(fail) }, 'Download this server as JSON')) : null);
  }

  render().catch(fail);
}

function section(title, id, items, add) {
  return h('section', { id: `int-${id}` },
    h('h3', {}, title),
    items.length ? h('ul', { class: 'integration-list' }, items) : h('p', { class: 'empty' }, 'None yet.'),
    add);
}

/** One text field and a button; the field is cleared once the action is sent. */
function form(id, label, submit, action) {
  const input = h('input', { id: `int-${id}`, 'aria-label': label, placeholder: label });
  return h('form', { class: 'row', onsubmit: (e) => {
    e.preventDefault();
    if (!input.value.trim()) return;
    action(input.value.trim());
    input.value = '';
  } }, input, h('button', { class: 'small' }, submit));
}
