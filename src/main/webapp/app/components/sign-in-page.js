import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';
import { api, messageOf } from '../api.js';
import { navigate } from '../router.js';
import * as session from '../session.js';
import { finishSsoSignIn, isSsoCallback, ssoConfig, startSsoSignIn } from '../sso.js';

/**
 * Sign-in with username and password; a refusal (401, 429, 403) is shown with its reason. When SSO
 * is configured, a "sign in with ..." button too, and this page finishes that sign-in when the
 * issuer sends the browser back here.
 */
class SignInPage extends RipienoElement {
  static properties = { notice: {}, error: { state: true }, busy: { state: true }, sso: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    if (isSsoCallback()) this.finishSso();
    ssoConfig().then((config) => {
      this.sso = config?.enabled ? config : null;
    });
  }

  async signInWithSso() {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      await startSsoSignIn(this.sso);
    } catch (unreachable) {
      this.error = t('signIn.ssoUnreachable');
      this.busy = false;
    }
  }

  /** The issuer's access token becomes the session's token; the account is the API's answer to it. */
  async finishSso() {
    this.busy = true;
    this.error = null;
    let token;
    try {
      token = await finishSsoSignIn();
    } catch (refused) {
      this.error = t('signIn.ssoRefused', { reason: refused.message });
      this.busy = false;
      return;
    }
    session.begin({ token, user: null });
    try {
      const account = await api('GET', '/auth/me');
      session.updateUser(account);
      navigate(session.homePath());
    } catch (refused) {
      session.end();
      this.error = messageOf(refused);
    } finally {
      this.busy = false;
    }
  }

  ssoName() {
    return new URL(this.sso.issuer).host;
  }

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
      ${this.sso
        ? html`<p class="sso"><button type="button" id="sign-in-sso" class="secondary" ?disabled=${this.busy} @click=${this.signInWithSso}>
            ${t('signIn.withSso', { name: this.ssoName() })}</button></p>`
        : ''}
    </section>`;
  }
}
customElements.define('sign-in-page', SignInPage);
