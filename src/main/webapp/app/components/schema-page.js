import { html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { RipienoElement } from './ripieno-element.js';
import { formatDateTime, t } from '../i18n.js';
import { api, messageOf } from '../api.js';

const POLL_MILLIS = 1000;
// How far an orchestra has come in a fleet migration, for its progress bar.
const STEPS = { PENDING: 0, WAITING_FOR_LOCK: 1, MIGRATING: 2 };
const LAST_STEP = 3;

/**
 * The schema report (superadmin): central and every orchestra database, by the schema guard and
 * version; and the fleet migration, started here and followed live (the run polled until it has
 * finished), with a progress bar for the run and one per orchestra.
 */
class SchemaPage extends RipienoElement {
  static properties = {
    report: { state: true },
    run: { state: true },
    error: { state: true },
    runError: { state: true },
    busy: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    this.load();
    this.followLatestRun();
  }

  disconnectedCallback() {
    clearTimeout(this.poll);
    super.disconnectedCallback();
  }

  async load() {
    try {
      this.report = await api('GET', '/platform/schema');
      this.error = null;
    } catch (failed) {
      this.error = messageOf(failed);
    }
  }

  /** A run this instance is still doing (started elsewhere, or before a reload) is followed too. */
  async followLatestRun() {
    try {
      const runs = await api('GET', '/platform/schema/migrations');
      const latest = (Array.isArray(runs) ? runs : runs?.items ?? [])[0];
      if (latest && !this.run) {
        this.run = latest;
        if (latest.status === 'running') this.follow();
      }
    } catch (failed) {
      this.runError = messageOf(failed);
    }
  }

  async migrate() {
    if (this.busy) return;
    this.busy = true;
    this.runError = null;
    try {
      this.run = await api('POST', '/platform/schema/migrate');
      this.follow();
    } catch (refused) {
      this.runError = messageOf(refused);
      this.busy = false;
    }
  }

  follow() {
    clearTimeout(this.poll);
    this.busy = true;
    this.poll = setTimeout(async () => {
      try {
        this.run = await api('GET', `/platform/schema/migrations/${encodeURIComponent(this.run.id)}`);
      } catch (failed) {
        this.runError = messageOf(failed);
        this.busy = false;
        return;
      }
      if (this.run.status === 'running') {
        this.follow();
      } else {
        this.busy = false;
        await this.load();
      }
    }, POLL_MILLIS);
  }

  render() {
    return html`<section class="page">
      <h1>${t('schema.title')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.report ? this.renderReport(this.report) : html`<p>${t('app.loading')}</p>`}
      <section class="panel" id="fleet-migration" aria-labelledby="fleet-heading">
        <h2 id="fleet-heading">${t('fleet.title')}</h2>
        <p class="hint">${t('fleet.hint')}</p>
        <button type="button" id="start-migration" data-write ?disabled=${this.busy} @click=${this.migrate}>${t('fleet.start')}</button>
        ${this.runError ? html`<p class="error" role="alert">${this.runError}</p>` : ''}
        ${this.run ? this.renderRun(this.run) : ''}
      </section>
    </section>`;
  }

  renderReport(report) {
    return html`<p id="schema-verdict" data-current=${String(report.allCurrent)} data-healthy=${String(report.allHealthy)}>
        ${report.allCurrent ? t('schema.allCurrent') : t('schema.notAllCurrent')}
        ${report.allHealthy ? t('schema.allHealthy') : t('schema.notAllHealthy')}
      </p>
      <div class="table-wrap"><table id="schema-report">
        <caption class="visually-hidden">${t('schema.title')}</caption>
        <thead><tr>
          <th scope="col">${t('schema.database')}</th>
          <th scope="col">${t('orchestras.status')}</th>
          <th scope="col">${t('schema.version')}</th>
          <th scope="col">${t('schema.guard')}</th>
        </tr></thead>
        <tbody>
          ${this.renderDatabase(report.central, t('schema.central'))}
          ${report.orchestras.map((o) => this.renderDatabase(o, o.subdomain))}
        </tbody>
      </table></div>`;
  }

  renderDatabase(d, name) {
    return html`<tr data-database=${name} data-up-to-date=${String(d.upToDate)} data-healthy=${String(d.healthy)}>
      <th scope="row">${name}<br><span class="hint">${d.database ?? ''}</span></th>
      <td>${d.status ? t(`status.${d.status}`) : '–'}</td>
      <td class=${d.upToDate ? '' : 'level-warn'}>${t('health.versionOf', { version: d.schemaVersion ?? '–', expected: d.expectedVersion ?? '–' })}</td>
      <td class=${d.healthy ? '' : 'level-error'}>${d.summary ?? ''}${d.error ? html`<br><span class="error">${d.error}</span>` : ''}</td>
    </tr>`;
  }

  renderRun(run) {
    return html`<div id="migration-run" data-status=${run.status}>
      <p>${t('fleet.status', { status: t(`fleet.status.${run.status}`), at: formatDateTime(run.requestedAt), by: run.requestedBy ?? '–' })}</p>
      <label>${t('fleet.progress', { done: run.done, total: run.total, failed: run.failed })}
        <progress id="migration-progress" max=${Math.max(run.total, 1)} .value=${run.total === 0 && run.status !== 'running' ? 1 : run.done}></progress>
      </label>
      ${run.error ? html`<p class="error" role="alert">${run.error}</p>` : ''}
      <ul class="fleet-orchestras">
        ${repeat(run.orchestras ?? [], (o) => o.orchestraId, (o) => html`<li data-subdomain=${o.subdomain} data-state=${o.state}>
          <label>
            <span class="member-name">${o.subdomain}</span>
            <span class=${o.state === 'FAILED' ? 'error' : 'hint'}>${t(`fleet.state.${o.state}`)}
              ${o.version ? ` (${o.fromVersion ?? '–'} → ${o.version})` : ''}</span>
            <progress max=${LAST_STEP} .value=${STEPS[o.state] ?? LAST_STEP}
              aria-label=${t('fleet.orchestraProgress', { subdomain: o.subdomain })}></progress>
          </label>
          ${o.error ? html`<p class="error">${o.error}</p>` : ''}
        </li>`)}
      </ul>
    </div>`;
  }
}
customElements.define('schema-page', SchemaPage);
