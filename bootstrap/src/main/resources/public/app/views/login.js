// The sign-in screen: log in, or register and log in.
import { h } from '../dom.js';

export function loginView(api, onSuccess) {
  const username = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true, minlength: 3, maxlength: 32 });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, minlength: 8 });
  const error = h('p', { class: 'form-error', role: 'alert', id: 'login-error' });

  async function submit(action) {
    error.textContent = '';
    if (!form.reportValidity()) return;
    try {
      await (action === 'register' ? api.register(username.value, password.value) : api.login(username.value, password.value));
      onSuccess();
    } catch (e) {
      error.textContent = e.message;
    }
  }

  const form = h(
    'form',
    { class: 'login', 'aria-labelledby': 'login-title', onsubmit: (e) => (e.preventDefault(), submit('login')) },
    h('h1', { id: 'login-title' }, 'Parley'),
    h('p', { class: 'muted' }, 'Log in, or pick a name and password to register.'),
    h('label', { for: 'login-username' }, 'Username'),
    username,
    h('label', { for: 'login-password' }, 'Password'),
    password,
    error,
    h('div', { class: 'row' },
      h('button', { type: 'submit', id: 'login-button' }, 'Log in'),
      h('button', { type: 'button', id: 'register-button', class: 'secondary', onclick: () => submit('register') }, 'Register')),
    h('p', { class: 'muted small' }, 'Demo data (embedded mode): user1 / password123, user2 / password123.'),
  );
  return h('main', { class: 'login-page' }, form);
}
