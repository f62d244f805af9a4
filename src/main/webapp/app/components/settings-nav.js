import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';
import { canWrite } from '../session.js';

/** The orchestra settings area's pages; the audit log, system log and accounts are admins' only. */
export const SETTINGS_PAGES = ['instruments', 'templates', 'settings', 'accounts', 'audit-log', 'system-log'];
const ADMIN_ONLY = ['accounts', 'audit-log', 'system-log'];

/** The pages of the settings area this account may open. */
export function settingsPages() {
  return SETTINGS_PAGES.filter((page) => canWrite() || !ADMIN_ONLY.includes(page));
}

/** The tabs of the orchestra settings area. */
class SettingsNav extends RipienoElement {
  static properties = { subdomain: {}, current: {} };

  render() {
    return html`<nav class="settings-nav" aria-label=${t('settingsArea.label')}>
      ${settingsPages().map((page) => {
        const href = `/o/${this.subdomain}/${page}`;
        return html`<a href=${href} aria-current=${this.current === page ? 'page' : 'false'}>${t(`settingsArea.${page}`)}</a>`;
      })}
    </nav>`;
  }
}
customElements.define('settings-nav', SettingsNav);
