import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';
import { api, messageOf } from '../api.js';
import { navigate } from '../router.js';
import * as session from '../session.js';

/**
 * Choosing one's password: forced after a generated one (mustChangePassword), when every other call
 * answers 403. A change ends every earlier token, so the page signs in again with the new password.
 */
class PasswordPage extends RipienoElement {
  static properties = { error: { state: true }, busy: { state: true } };

  async submit(event) {
    event.preventDefault();
    if (this.busy) return;
    const form = new FormData(event.target);
    const newPassword = form.get('newPassword');
    if (newPassword !== form.get('repeatPassword')) {
      this.error = t('password.mismatch');
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      await api('PUT', '/auth/password', { currentPassword: form.get('currentPassword'), newPassword });
      const login = await api('POST', '/auth/login', { username: session.user().username, password: newPassword });
      session.begin(login);
      navigate(session.homePath());
    } catch (refused) {
      this.error = messageOf(refused);
    } finally {
      this.busy = false;
    }
  }

  render() {
    const forced = session.user()?.mustChangePassword;
    return html`<section class="page narrow">
      <h1>${t('password.title')}</h1>
      ${forced ? html`<p class="notice" role="status">${t('password.forced')}</p>` : ''}
      <form id="password-change" @submit=${this.submit}>
        <label>${t('password.current')}
          <input name="currentPassword" id="current-password" type="password" autocomplete="current-password" required>
        </label>
        <label>${t('password.new')}
          <input name="newPassword" id="new-password" type="password" autocomplete="new-password"
            minlength="10" maxlength="200" required aria-describedby="password-rule">
        </label>
        <p class="hint" id="password-rule">${t('password.rule')}</p>
        <label>${t('password.repeat')}
          <input name="repeatPassword" id="repeat-password" type="password" autocomplete="new-password" required>
        </label>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
        <button type="submit" ?disabled=${this.busy}>${t('password.submit')}</button>
      </form>
    </section>`;
  }
}
customElements.define('password-page', PasswordPage);
