import { html } from 'lit';
import { formatDateTime, t } from '../i18n.js';
import { LogPage, details } from './log-page.js';

const LEVELS = ['info', 'warn', 'error'];

/** The whole platform's system log (superadmin), filtered also by orchestra. */
class PlatformSystemLogPage extends LogPage {
  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  get path() {
    return '/platform/system-log';
  }

  get title() {
    return t('platformLog.title');
  }

  get tableId() {
    return 'platform-system-log';
  }

  get filterFields() {
    return [
      { name: 'level', label: t('systemLog.level'), choices: LEVELS },
      { name: 'category', label: t('systemLog.category') },
      { name: 'orchestraId', label: t('platformLog.orchestraId') },
      { name: 'text', label: t('systemLog.text') },
    ];
  }

  get columns() {
    return [t('logs.time'), t('systemLog.level'), t('systemLog.category'), t('platformLog.orchestra'), t('systemLog.message')];
  }

  row(entry) {
    return html`<tr data-level=${entry.level} data-category=${entry.category}>
      <td>${formatDateTime(entry.timestamp)}</td>
      <td class=${`level-${entry.level}`}>${entry.level}</td>
      <td>${entry.category}</td>
      <td>${entry.orchestraId ?? ''}</td>
      <td>${entry.message} ${details(t('systemLog.metadata'), entry.metadata)}</td>
    </tr>`;
  }
}
customElements.define('platform-system-log-page', PlatformSystemLogPage);
