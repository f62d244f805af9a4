import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';
import { api, messageOf } from '../api.js';

/**
 * A test mail sent at once with the orchestra's mail settings (`POST <path> {"to"}`: the
 * orchestra's `/test-email` in its settings, the platform's `/platform/orchestras/{id}/test-email`
 * in its configuration), and what the server answered: sent or not, which server (the orchestra's
 * own, Resend's relay or the platform's), host, port, security, sender and the server's last reply.
 * Only rendered for those who may send it; never shows a password.
 */
class TestEmail extends RipienoElement {
  static properties = { path: {}, result: { state: true }, error: { state: true }, busy: { state: true } };

  async send(event) {
    event.preventDefault();
    if (this.busy) return;
    const to = event.target.elements.to.value.trim();
    this.busy = true;
    this.error = null;
    this.result = null;
    try {
      this.result = await api('POST', this.path, { to });
    } catch (refused) {
      this.error = messageOf(refused);
    } finally {
      this.busy = false;
    }
  }

  render() {
    const r = this.result;
    return html`<form class="panel" id="test-email-form" @submit=${this.send}>
      <h2>${t('testEmail.title')}</h2>
      <p class="hint">${t('testEmail.hint')}</p>
      <div class="filters">
        <label>${t('testEmail.to')} <input type="email" name="to" required autocomplete="email"></label>
        <button type="submit" data-write ?disabled=${this.busy}>${this.busy ? t('testEmail.sending') : t('testEmail.send')}</button>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${r
        ? html`<div id="test-email-result" data-sent=${r.sent ? 'true' : 'false'} role="status">
            <p class=${r.sent ? 'notice' : 'error'}>${r.sent ? t('testEmail.sent', { to: r.to }) : t('testEmail.notSent', { to: r.to })}</p>
            <dl class="facts">
              <dt>${t('testEmail.source')}</dt><dd>${t(`testEmail.source.${r.source}`)}</dd>
              <dt>${t('testEmail.server')}</dt><dd>${r.host ?? '–'}${r.port ? `:${r.port}` : ''} ${r.security ? `(${r.security})` : ''}</dd>
              <dt>${t('testEmail.from')}</dt><dd>${r.from ?? '–'}</dd>
              <dt>${t('testEmail.reply')}</dt><dd><code>${r.reply ?? '–'}</code></dd>
            </dl>
          </div>`
        : ''}
    </form>`;
  }
}
customElements.define('test-email', TestEmail);
