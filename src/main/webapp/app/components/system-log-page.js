import { html } from 'lit';
import { formatDateTime, t } from '../i18n.js';
import { LogPage, details } from './log-page.js';

const LEVELS = ['info', 'warn', 'error'];

/** The orchestra's part of the system log (admins): what the platform did for it. */
class SystemLogPage extends LogPage {
  get path() {
    return `/orchestras/${encodeURIComponent(this.subdomain)}/system-log`;
  }

  get title() {
    return t('systemLog.title');
  }

  get tableId() {
    return 'system-log';
  }

  get filterFields() {
    return [
      { name: 'level', label: t('systemLog.level'), choices: LEVELS },
      { name: 'category', label: t('systemLog.category') },
      { name: 'text', label: t('systemLog.text') },
    ];
  }

  get columns() {
    return [t('logs.time'), t('systemLog.level'), t('systemLog.category'), t('systemLog.message')];
  }

  row(entry) {
    return html`<tr data-level=${entry.level} data-category=${entry.category}>
      <td>${formatDateTime(entry.timestamp)}</td>
      <td class=${`level-${entry.level}`}>${entry.level}</td>
      <td>${entry.category}</td>
      <td>${entry.message} ${details(t('systemLog.metadata'), entry.metadata)}</td>
    </tr>`;
  }
}
customElements.define('system-log-page', SystemLogPage);
