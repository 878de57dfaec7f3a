// The message box: Enter sends, Shift+Enter breaks the line; typing is announced while typing.
import { h, replace } from '../dom.js';

const TYPING_EVERY_MS = 3000;

export function composer(actions) {
  const input = h('textarea', { id: 'composer-input', rows: 1, maxlength: 4000, 'aria-label': 'Message', placeholder: 'Message' });
  const replyBar = h('div', { class: 'reply-bar', id: 'reply-bar', hidden: true });
  let lastTyping = 0;

  function stopTyping() {
    if (lastTyping) actions.typing(false);
    lastTyping = 0;
  }

  function send() {
    const text = input.value.trim();
    if (!text) return;
    actions.send(text);
    input.value = '';
    stopTyping();
  }

  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    } else if (e.key === 'Escape') {
      actions.reply(null);
    }
  });
  input.addEventListener('input', () => {
    if (!input.value) return stopTyping();
    if (Date.now() - lastTyping > TYPING_EVERY_MS) {
      lastTyping = Date.now();
      actions.typing(true);
    }
  });
  input.addEventListener('blur', stopTyping);

  const form = h('form', { class: 'composer', id: 'composer', onsubmit: (e) => (e.preventDefault(), send()) },
    replyBar,
    h('div', { class: 'row' }, input, h('button', { id: 'send-button' }, 'Send')));

  return {
    el: form,
    focus: () => input.focus(),
    setEnabled(enabled, placeholder) {
      input.disabled = !enabled;
      input.placeholder = placeholder;
    },
    showReply(message) {
      replyBar.hidden = !message;
      if (message) {
        replace(replyBar, `Replying to ${message.user}: ${message.text.slice(0, 80)} `,
          h('button', { type: 'button', class: 'icon small', 'aria-label': 'Cancel reply', onclick: () => actions.reply(null) }, '✕'));
        input.focus();
      }
    },
  };
}
