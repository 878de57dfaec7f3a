// The pinned messages of the current channel: a panel opened from the channel header.
import { h, replace, shortTime } from '../dom.js';

/** Renders the channel's pins, latest first; each one jumps to the message when it is loaded. */
export function renderPins(panel, store, actions) {
  const channelId = store.current.channelId;
  const pins = channelId ? store.pins.get(channelId) : null;
  if (panel.hidden) return;
  if (!pins) return replace(panel, h('h3', {}, 'Pinned messages'), h('p', { class: 'empty' }, 'Loading…'));
  replace(panel,
    h('h3', {}, 'Pinned messages'),
    pins.length === 0
      ? h('p', { class: 'empty' }, 'Nothing is pinned in this channel yet.')
      : h('ol', { class: 'pins', id: 'pins-list' }, pins.map((p) => h('li', { class: 'pin', dataset: { id: String(p.message.id) } },
        h('div', { class: 'meta' },
          h('span', { class: 'author' }, p.message.user), ' ',
          h('time', { datetime: p.message.timestamp }, shortTime(p.message.timestamp))),
        h('div', { class: 'text' }, p.message.text),
        h('div', { class: 'pinned-by' }, `Pinned by ${p.pinnedByName}`),
        actions.canPin() ? h('button', { class: 'secondary small act-unpin', onclick: () => actions.togglePin(p.message, false) }, 'Unpin') : null))));
}
