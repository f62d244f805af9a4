import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';
import { api, messageOf } from '../api.js';
import { navigate } from '../router.js';
import * as session from '../session.js';

/** Sign-in with username and password; a refusal (401, 429, 403) is shown with its reason. */
class SignInPage extends RipienoElement {
  static properties = { notice: {}, error: { state: true }, busy: { state: true } };

  async submit(event) {
    event.preventDefault();
    if (this.busy) return;
    const form = new FormData(event.target);
    this.busy = true;
    this.error = null;
    try {
      const login = await api('POST', '/auth/login', {
        username: form.get('username'),
        password: form.get('password'),
      });
      session.begin(login);
      navigate(login.user.mustChangePassword ? '/password' : session.homePath());
    } catch (refused) {
      this.error = messageOf(refused);
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`<section class="page narrow">
      <h1>${t('signIn.title')}</h1>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
      <form id="sign-in" @submit=${this.submit}>
        <label>${t('signIn.username')}
          <input name="username" id="username" autocomplete="username" required>
        </label>
        <label>${t('signIn.password')}
          <input name="password" id="password" type="password" autocomplete="current-password" required>
        </label>
        ${this.error ? html`<p class="error" role="alert" id="sign-in-error">${this.error}</p>` : ''}
        <button type="submit" ?disabled=${this.busy}>${t('signIn.submit')}</button>
      </form>
    </section>`;
  }
}
customElements.define('sign-in-page', SignInPage);
