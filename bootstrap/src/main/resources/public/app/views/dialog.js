// Small modal forms built on <dialog>: keyboard friendly (Escape cancels, focus stays inside).
import { h } from '../dom.js';

/**
 * Asks for some values. fields: [{name, label, value?, placeholder?}]. Resolves to {name: value}
 * or null when cancelled.
 */
export function ask(title, fields, submitLabel = 'OK') {
  return new Promise((resolve) => {
    const inputs = fields.map((f) =>
      h('input', { id: `dlg-${f.name}`, name: f.name, value: f.value ?? '', placeholder: f.placeholder, required: f.required !== false }));
    const dialog = h(
      'dialog',
      { 'aria-labelledby': 'dlg-title' },
      h(
        'form',
        { method: 'dialog' },
        h('h2', { id: 'dlg-title' }, title),
        fields.map((f, i) => [h('label', { for: `dlg-${f.name}` }, f.label), inputs[i]]),
        h('div', { class: 'row' },
          h('button', { value: 'ok', id: 'dlg-ok' }, submitLabel),
          h('button', { value: 'cancel', class: 'secondary', formnovalidate: true }, 'Cancel')),
      ),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'ok' ? Object.fromEntries(fields.map((f, i) => [f.name, inputs[i].value.trim()])) : null);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Shows a message with a single button. */
export function tell(title, ...lines) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { 'aria-labelledby': 'dlg-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'dlg-title' }, title),
        lines.map((l) => h('p', {}, l)),
        h('div', { class: 'row' }, h('button', { value: 'ok', id: 'dlg-ok' }, 'Close'))));
    dialog.addEventListener('close', () => (dialog.remove(), resolve()));
    document.body.append(dialog);
    dialog.showModal();
  });
}
