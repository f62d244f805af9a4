import { html } from 'lit';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { RipienoElement } from './ripieno-element.js';
import { PagedList } from './paged-list.js';
import { formatDate, formatDateTime, t } from '../i18n.js';
import { api, messageOf, query } from '../api.js';
import { canWrite } from '../session.js';
import './page-nav.js';

// Only what a bar chart needs: Chart.js is tree-shakeable, and nothing else is registered.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

// The figures shown as cards, in the legacy dashboard's order (docs/messaging.md).
const FIGURES = [
  'activeMusicians',
  'totalMusicians',
  'upcomingProjects',
  'pendingResponses',
  'requestsLast30Days',
  'responseRate',
  'remindersSent',
  'totalRequests',
  'messagesFailing',
];
// How many of the failing messages the dashboard lists; the outbox has them all.
const FAILING_SHOWN = 10;

/** A colour of the stylesheet (app.css's custom properties), for the canvas, which CSS does not reach. */
function cssColour(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/**
 * The orchestra's dashboard (`GET /dashboard`): its figures, a bar chart of the answers per ISO
 * week (accepted and declined, the last twelve weeks, drawn by Chart.js on a canvas, with the same
 * numbers in a table for screen readers), the activity feed (`/dashboard/activity`, paged, its
 * sentences in the chosen language), and the messages given up (`/messages?status=failed`), which
 * an admin retries (`POST /messages/{id}/retry`) after fixing the address; a `user` only reads.
 */
class DashboardPage extends PagedList(RipienoElement) {
  static properties = {
    subdomain: {},
    figures: { state: true },
    failing: { state: true },
    error: { state: true },
    retryErrors: { state: true },
    retried: { state: true },
  };

  constructor() {
    super();
    this.pageSize = 20;
    this.retryErrors = {};
  }

  /** Queues a failed message again (`POST /messages/{id}/retry`), then reads the figures again. */
  async retry(message) {
    if (this.busy) return;
    this.busy = true;
    this.retried = null;
    this.retryErrors = { ...this.retryErrors, [message.id]: null };
    try {
      await api('POST', `${this.base}/messages/${message.id}/retry`);
      this.retried = t('dashboard.retried', { recipient: message.recipient });
      await this.loadFigures();
    } catch (refused) {
      this.retryErrors = { ...this.retryErrors, [message.id]: messageOf(refused) };
    } finally {
      this.busy = false;
    }
  }

  get base() {
    return `/orchestras/${encodeURIComponent(this.subdomain)}`;
  }

  get listPath() {
    return `${this.base}/dashboard/activity`;
  }

  updated(changed) {
    if (changed.has('subdomain')) {
      this.page = 1;
      this.loadAll();
    }
    this.drawChart();
  }

  disconnectedCallback() {
    this.chart?.destroy();
    this.chart = null;
    super.disconnectedCallback();
  }

  async loadAll() {
    await Promise.all([this.loadFigures(), this.load()]);
  }

  async loadFigures() {
    try {
      const [figures, failing] = await Promise.all([
        api('GET', `${this.base}/dashboard`),
        api('GET', `${this.base}/messages${query({ status: 'failed', size: FAILING_SHOWN })}`),
      ]);
      this.figures = figures;
      this.failing = failing;
      this.error = null;
    } catch (failed) {
      this.error = messageOf(failed);
    }
  }

  /** Creates the chart once its canvas is on the page, then keeps its data and labels current. */
  drawChart() {
    const canvas = this.querySelector('#answers-chart');
    if (!canvas || !this.figures) return;
    const weeks = this.figures.answersPerWeek;
    const labels = weeks.map((w) => w.week.replace(/^\d{4}-W/, t('dashboard.weekShort')));
    const datasets = [
      { label: t('dashboard.accepted'), data: weeks.map((w) => w.accepted), backgroundColor: cssColour('--ok', '#1f6b3a') },
      { label: t('dashboard.declined'), data: weeks.map((w) => w.declined), backgroundColor: cssColour('--danger', '#a3222b') },
    ];
    if (this.chart && this.chart.canvas === canvas) {
      this.chart.data.labels = labels;
      this.chart.data.datasets.forEach((dataset, i) => Object.assign(dataset, datasets[i]));
      this.chart.update();
      return;
    }
    this.chart?.destroy();
    this.chart = new Chart(canvas, {
      type: 'bar',
      data: { labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        // Drawn at once: the figures are read once per visit, there is nothing to animate towards.
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
  }

  render() {
    return html`<section class="page dashboard">
      <h1>${t('dashboard.title')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.figures ? this.renderFigures(this.figures) : this.error ? '' : html`<p>${t('app.loading')}</p>`}
      <div class="dashboard-columns">
        <section class="panel" aria-labelledby="activity-title">
          <h2 id="activity-title">${t('dashboard.activity')}</h2>
          ${this.renderListArea()}
        </section>
        ${this.failing ? this.renderFailing(this.failing) : ''}
      </div>
    </section>`;
  }

  renderFigures(f) {
    return html`<dl class="statistics figures" id="figures">
        ${FIGURES.map(
          (name) => html`<div data-figure=${name} class=${name === 'messagesFailing' && f[name] > 0 ? 'alarm' : ''}>
            <dt>${t(`dashboard.figure.${name}`)}</dt>
            <dd>${name === 'responseRate' ? `${f[name]} %` : f[name]}</dd>
          </div>`,
        )}
      </dl>
      <section class="panel" aria-labelledby="chart-title">
        <h2 id="chart-title">${t('dashboard.answersPerWeek')}</h2>
        <div class="chart-box">
          <canvas id="answers-chart" role="img" aria-label=${t('dashboard.chartLabel')}></canvas>
        </div>
        <!-- In a hidden box, not a hidden table: a table is never narrower than its content, so it
             would widen a phone's page even when "1 px" wide. -->
        <div class="visually-hidden"><table id="answers-table">
          <caption>${t('dashboard.answersPerWeek')}</caption>
          <thead><tr><th scope="col">${t('dashboard.week')}</th><th scope="col">${t('dashboard.accepted')}</th><th scope="col">${t('dashboard.declined')}</th></tr></thead>
          <tbody>${f.answersPerWeek.map(
            (w) => html`<tr><th scope="row">${w.week} (${formatDate(w.startsOn)})</th><td>${w.accepted}</td><td>${w.declined}</td></tr>`,
          )}</tbody>
        </table></div>
      </section>`;
  }

  renderList() {
    const list = this.list;
    return html`${list.items.length === 0 ? html`<p id="no-activity">${t('dashboard.noActivity')}</p>` : ''}
      <ol class="events" id="activity">
        ${list.items.map(
          (entry) => html`<li data-type=${entry.type}>
            <span class="hint">${formatDateTime(entry.timestamp)}</span>
            ${entry.description}
            ${entry.projectName ? html`<span class="code">${entry.projectName}</span>` : ''}
          </li>`,
        )}
      </ol>
      <page-nav .page=${list.page} .size=${list.size} .total=${list.total} @page=${(e) => this.goTo(e.detail)}></page-nav>`;
  }

  renderFailing(failing) {
    return html`<section class="panel" aria-labelledby="failing-title" id="failing">
      <h2 id="failing-title">${t('dashboard.failing')}</h2>
      ${canWrite() ? html`<p class="hint">${t('dashboard.retryHint')}</p>` : ''}
      ${this.retried ? html`<p class="notice" role="status" id="retry-notice">${this.retried}</p>` : ''}
      ${failing.items.length === 0
        ? html`<p id="no-failing">${t('dashboard.noFailing')}</p>`
        : html`<ul class="events">
            ${failing.items.map(
              (m) => html`<li data-message=${m.id}>
                <span class="hint">${formatDateTime(m.createdAt)}</span>
                ${t(`messageType.${m.type}`)}: ${m.recipient} · ${m.subject}
                ${m.lastError ? html`<br><span class="error">${m.lastError}</span>` : ''}
                ${canWrite()
                  ? html`<div class="buttons"><button type="button" class="secondary" data-write data-action="retry"
                      ?disabled=${this.busy} @click=${() => this.retry(m)}>${t('messages.retry')}</button></div>`
                  : ''}
                ${this.retryErrors[m.id] ? html`<p class="error" role="alert">${this.retryErrors[m.id]}</p>` : ''}
              </li>`,
            )}
          </ul>`}
      ${failing.total > failing.items.length
        ? html`<p class="hint">${t('dashboard.moreFailing', { count: failing.total - failing.items.length })}</p>`
        : ''}
      <p><a href=${`/o/${encodeURIComponent(this.subdomain)}/messages`}>${t('dashboard.toOutbox')}</a></p>
    </section>`;
  }
}
customElements.define('dashboard-page', DashboardPage);
