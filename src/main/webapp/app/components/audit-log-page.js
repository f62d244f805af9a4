import { html } from 'lit';
import { formatDateTime, t } from '../i18n.js';
import { LogPage, details } from './log-page.js';

const ACTIONS = ['create', 'update', 'archive', 'restore', 'reorder', 'erase', 'delete'];

/** The orchestra's audit log (admins): who changed what, with the values before and after. */
class AuditLogPage extends LogPage {
  get path() {
    return `/orchestras/${encodeURIComponent(this.subdomain)}/audit-log`;
  }

  get title() {
    return t('auditLog.title');
  }

  get tableId() {
    return 'audit-log';
  }

  get filterFields() {
    return [
      { name: 'entityType', label: t('auditLog.entityType') },
      { name: 'entityId', label: t('auditLog.entityId') },
      { name: 'action', label: t('auditLog.action'), choices: ACTIONS },
      { name: 'userId', label: t('auditLog.userId') },
    ];
  }

  get columns() {
    return [t('logs.time'), t('auditLog.action'), t('auditLog.entity'), t('auditLog.userId'), t('auditLog.change')];
  }

  row(entry) {
    return html`<tr data-action=${entry.action} data-entity=${entry.entityType}>
      <td>${formatDateTime(entry.timestamp)}</td>
      <td>${entry.action}</td>
      <td>${entry.entityType} ${entry.entityId ?? ''}</td>
      <td>${entry.userId ?? ''}</td>
      <td>${details(t('auditLog.before'), entry.oldValues)} ${details(t('auditLog.after'), entry.newValues)}</td>
    </tr>`;
  }
}
customElements.define('audit-log-page', AuditLogPage);
