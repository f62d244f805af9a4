import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { formatDateTime, t } from '../i18n.js';
import { api, messageOf, query } from '../api.js';
import { projectPath } from '../staffing.js';

// The most events one call of the feed answers (the API's limit): a full answer means ask again.
const FEED_PAGE = 500;

/**
 * The project's staffing events (`GET /events?since=`), newest first: every request sent, answer,
 * reminder, confirmation, cancellation. The first read takes the whole log, in calls of at most
 * 500; each refresh asks only for what came after the last event it has, so an open feed costs
 * one small call every few seconds.
 */
class ProjectEvents extends RipienoElement {
  static properties = {
    subdomain: {},
    projectId: {},
    events: { state: true },
    error: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    this.events = null;
    this.refresh();
  }

  /** Reads what came after the last event held (all of it the first time); a read going is not doubled. */
  async refresh() {
    if (this.reading) return;
    this.reading = true;
    try {
      const held = this.events ?? [];
      const seen = new Set(held.map((e) => e.id));
      const added = [];
      let since = held.length ? held[held.length - 1].timestamp : undefined;
      for (;;) {
        const page = await api('GET', `${projectPath(this.subdomain, this.projectId)}/events${query({ since })}`);
        added.push(...page.filter((e) => !seen.has(e.id)));
        if (page.length < FEED_PAGE) break;
        since = page[page.length - 1].timestamp;
      }
      this.events = [...held, ...added];
      this.error = null;
    } catch (failed) {
      this.error = messageOf(failed);
    } finally {
      this.reading = false;
    }
  }

  render() {
    if (!this.events) {
      return html`${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p>${t('app.loading')}</p>`}`;
    }
    const newestFirst = [...this.events].reverse();
    return html`${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${newestFirst.length === 0 ? html`<p id="no-events">${t('events.none')}</p>` : ''}
      <ol class="events" id="events" aria-live="polite">
        ${newestFirst.map(
          (e) => html`<li data-type=${e.type}>
            <span class="hint">${formatDateTime(e.timestamp)}</span>
            ${t(`event.${e.type}`)} <span class="code">${e.requestId ?? ''}</span>
          </li>`,
        )}
      </ol>`;
  }
}
customElements.define('project-events', ProjectEvents);
