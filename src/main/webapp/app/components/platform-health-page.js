import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { formatDateTime, t } from '../i18n.js';
import { api, messageOf } from '../api.js';

/**
 * The platform's health and metrics (superadmin): central and every orchestra database (reachable,
 * identity marker, schema, last migration, staffing jobs), and the rows, accounts and revenue per
 * orchestra with their totals. Read again on request; nothing here writes.
 */
class PlatformHealthPage extends RipienoElement {
  static properties = {
    health: { state: true },
    metrics: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    if (this.busy) return;
    this.busy = true;
    try {
      [this.health, this.metrics] = await Promise.all([api('GET', '/platform/health'), api('GET', '/platform/metrics')]);
      this.error = null;
    } catch (failed) {
      this.error = messageOf(failed);
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`<section class="page">
      <h1>${t('health.title')}</h1>
      <button type="button" id="refresh-health" ?disabled=${this.busy} @click=${this.load}>${t('health.refresh')}</button>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.health ? this.renderHealth(this.health) : html`<p>${t('app.loading')}</p>`}
      ${this.metrics ? this.renderMetrics(this.metrics) : ''}
    </section>`;
  }

  renderHealth(health) {
    const c = health.central;
    const s = health.summary;
    return html`<h2>${t('health.central')}</h2>
      <dl class="facts" id="central-health" data-reachable=${String(c.reachable)}>
        <dt>${t('health.reachable')}</dt><dd>${yesNo(c.reachable)}</dd>
        <dt>${t('health.database')}</dt><dd>${c.database ?? '–'}</dd>
        <dt>${t('health.schema')}</dt><dd>${t('health.versionOf', { version: c.schemaVersion ?? '–', expected: c.expectedVersion ?? '–' })}</dd>
        <dt>${t('health.schemaHealthy')}</dt><dd>${yesNo(c.schemaHealthy)}</dd>
        ${health.centralCheck?.lastProblem
          ? html`<dt>${t('health.lastProblem')}</dt><dd>${health.centralCheck.lastProblem} ${formatDateTime(health.centralCheck.lastProblemAt)}</dd>`
          : ''}
      </dl>
      <h2>${t('health.orchestras')}</h2>
      <p id="health-summary">${t('health.summary', { orchestras: s.orchestras, reachable: s.reachable, unreachable: s.unreachable, healthy: s.healthy })}</p>
      <div class="table-wrap"><table id="orchestra-health">
        <caption class="visually-hidden">${t('health.orchestras')}</caption>
        <thead><tr>
          <th scope="col">${t('orchestras.subdomain')}</th>
          <th scope="col">${t('orchestras.status')}</th>
          <th scope="col">${t('health.healthy')}</th>
          <th scope="col">${t('health.schema')}</th>
          <th scope="col">${t('health.lastMigration')}</th>
          <th scope="col">${t('health.jobs')}</th>
          <th scope="col">${t('health.millis')}</th>
        </tr></thead>
        <tbody>${health.orchestras.map(
          (o) => html`<tr data-subdomain=${o.subdomain} data-healthy=${String(o.healthy)}>
            <td><a href=${`/platform/orchestras/${encodeURIComponent(o.id)}`}>${o.subdomain}</a></td>
            <td>${t(`status.${o.status}`)}</td>
            <td class=${o.healthy ? '' : 'level-error'}>${yesNo(o.healthy)}${o.error ? html`<br><span class="hint">${o.error}</span>` : ''}</td>
            <td>${t('health.versionOf', { version: o.schemaVersion ?? '–', expected: o.expectedVersion ?? '–' })}</td>
            <td>${o.lastMigration ? html`${o.lastMigration.result}<br><span class="hint">${formatDateTime(o.lastMigration.at)}</span>` : '–'}</td>
            <td>${o.jobs?.lastResult ?? '–'}${o.jobs?.nextDueAt ? html`<br><span class="hint">${t('health.nextDue', { at: formatDateTime(o.jobs.nextDueAt) })}</span>` : ''}</td>
            <td>${o.millis}</td>
          </tr>`,
        )}</tbody>
      </table></div>`;
  }

  renderMetrics(metrics) {
    const totals = metrics.totals;
    return html`<h2>${t('metrics.title')}</h2>
      <p id="revenue">${t('metrics.revenue', { amount: metrics.revenue.monthly, currency: metrics.revenue.currency, active: metrics.revenue.activeOrchestras })}</p>
      <div class="table-wrap"><table id="orchestra-metrics">
        <caption class="visually-hidden">${t('metrics.title')}</caption>
        <thead><tr>
          <th scope="col">${t('orchestras.subdomain')}</th>
          <th scope="col">${t('orchestra.plan')}</th>
          <th scope="col">${t('orchestra.pricePerMonth')}</th>
          <th scope="col">${t('metrics.musicians')}</th>
          <th scope="col">${t('metrics.projects')}</th>
          <th scope="col">${t('metrics.requests')}</th>
          <th scope="col">${t('metrics.users')}</th>
        </tr></thead>
        <tbody>${metrics.orchestras.map(
          (o) => html`<tr data-subdomain=${o.subdomain}>
            <td>${o.subdomain}${o.error ? html`<br><span class="hint">${o.error}</span>` : ''}</td>
            <td>${o.plan ?? '–'}</td>
            <td>${o.pricePerMonth}</td>
            <td>${o.counts.musicians ?? '–'}</td>
            <td>${o.counts.projects ?? '–'}</td>
            <td>${o.counts.requests ?? '–'}</td>
            <td>${o.counts.users ?? '–'}</td>
          </tr>`,
        )}</tbody>
        <tfoot><tr id="metrics-totals">
          <th scope="row">${t('metrics.totals', { orchestras: totals.orchestras, active: totals.active })}</th>
          <td></td><td></td>
          <td>${totals.musicians}</td><td>${totals.projects}</td><td>${totals.requests}</td><td>${totals.users}</td>
        </tr></tfoot>
      </table></div>`;
  }
}

function yesNo(value) {
  return value ? t('app.yes') : t('app.no');
}

customElements.define('platform-health-page', PlatformHealthPage);
