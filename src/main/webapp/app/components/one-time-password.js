import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';

/**
 * A password the API shows once (a new account's, a reset one's): selectable and copyable, until
 * dismissed (fires `dismiss`). Its fields are `<prefix>-username` and `<prefix>-password`.
 */
class OneTimePassword extends RipienoElement {
  static properties = {
    heading: {},
    text: {},
    username: {},
    password: {},
    prefix: {},
    copied: { state: true },
  };

  updated(changed) {
    if (changed.has('password')) this.copied = false;
  }

  async copy() {
    try {
      await navigator.clipboard.writeText(this.password);
      this.copied = true;
    } catch (notAllowed) {
      // Without clipboard access the password stays selectable on the page.
      this.querySelector(`#${this.prefix}-password`)?.focus();
    }
  }

  render() {
    return html`<div class="panel created" role="status">
      <h2>${this.heading}</h2>
      <p>${this.text}</p>
      <dl>
        <dt>${t('signIn.username')}</dt><dd id=${`${this.prefix}-username`}>${this.username}</dd>
        <dt>${t('signIn.password')}</dt>
        <dd><input id=${`${this.prefix}-password`} readonly .value=${this.password} aria-label=${t('signIn.password')}></dd>
      </dl>
      <button type="button" @click=${this.copy}>${this.copied ? t('orchestras.copied') : t('orchestras.copy')}</button>
      <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('dismiss'))}>${t('orchestras.dismiss')}</button>
    </div>`;
  }
}
customElements.define('one-time-password', OneTimePassword);
