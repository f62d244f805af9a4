import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { formatDate, t } from '../i18n.js';
import { api, messageOf } from '../api.js';
import { canWrite } from '../session.js';
import { REFRESH_MILLIS } from '../staffing.js';
import './custom-list-editor.js';
import './project-needs.js';
import './request-board.js';
import './accepted-musicians.js';
import './project-events.js';
import './project-files.js';
import './group-email.js';

// The project's tabs: staffing first, then what is sent with it (files, group email); the custom
// lists last, as they are set up once.
const TABS = ['needs', 'board', 'accepted', 'events', 'files', 'email', 'lists'];
// The tabs whose content changes by itself (musicians answer, mails are delivered): read again
// every few seconds while open.
const LIVE_TABS = ['needs', 'board', 'accepted', 'events', 'email'];

/**
 * One project: its facts and how far it is staffed, and its tabs: the needs (with previews,
 * sending, pausing and cancelling), the request board, the accepted musicians, the events feed,
 * the files, the group email, and the custom lists
 * (one per position: the musicians to ask for that position in this project, instead of the
 * ranking lists; an admin creates a list, empty or starting from one of the position's ranking
 * lists, edits its members in the editor and deletes a list no need uses). While a live tab is
 * open, it and the project's totals are read again every REFRESH_MILLIS; leaving the tab or the
 * page stops that.
 */
class ProjectPage extends RipienoElement {
  static properties = {
    subdomain: {},
    projectId: {},
    project: { state: true },
    lists: { state: true },
    positions: { state: true },
    chosenPosition: { state: true },
    selected: { state: true },
    error: { state: true },
    createError: { state: true },
    busy: { state: true },
    tab: { state: true },
  };

  constructor() {
    super();
    this.tab = 'needs';
  }

  connectedCallback() {
    super.connectedCallback();
    this.timer = setInterval(() => this.tick(), REFRESH_MILLIS);
  }

  disconnectedCallback() {
    clearInterval(this.timer);
    this.timer = null;
    super.disconnectedCallback();
  }

  /** One refresh of a live tab and the totals; hidden pages (another browser tab) are not read. */
  async tick() {
    if (!LIVE_TABS.includes(this.tab) || document.hidden || !this.project) return;
    this.querySelector('[role=tabpanel] > [data-live]')?.refresh();
    this.reloadProject();
  }

  async reloadProject() {
    try {
      this.project = await api('GET', this.projectBase);
    } catch (failed) {
      // The tab shows the refusal of its own reading; the totals stay as last read.
    }
  }

  /** Arrow keys move between the tabs, as a tab list does. */
  tabKey(event) {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const tabs = TABS;
    const next = tabs[(tabs.indexOf(this.tab) + step + tabs.length) % tabs.length];
    this.tab = next;
    this.updateComplete.then(() => this.querySelector(`#tab-${next}`)?.focus());
  }

  get projectBase() {
    return `/orchestras/${encodeURIComponent(this.subdomain)}/projects/${encodeURIComponent(this.projectId)}`;
  }

  get base() {
    return `${this.projectBase}/custom-lists`;
  }

  updated(changed) {
    if (changed.has('subdomain') || changed.has('projectId')) {
      this.selected = null;
      this.tab = 'needs';
      this.load();
    }
  }

  async load() {
    try {
      const [project, lists, overview] = await Promise.all([
        api('GET', this.projectBase),
        api('GET', `${this.base}?size=500`),
        canWrite() ? api('GET', `/orchestras/${encodeURIComponent(this.subdomain)}/ranking-lists`) : null,
      ]);
      this.project = project;
      this.lists = lists.items;
      // Every position, with its instrument's name and its ranking lists, for creating a list.
      this.positions = (overview?.instruments ?? []).flatMap((instrument) =>
        instrument.positions.map((position) => ({ ...position, instrumentName: instrument.name })),
      );
      this.error = null;
    } catch (failed) {
      this.error = messageOf(failed);
    }
  }

  async reloadLists() {
    try {
      this.lists = (await api('GET', `${this.base}?size=500`)).items;
    } catch (failed) {
      this.error = messageOf(failed);
    }
  }

  async create(event) {
    event.preventDefault();
    if (this.busy) return;
    const values = Object.fromEntries(new FormData(event.target));
    const body = { positionId: Number(values.positionId) };
    if (values.from) body.fromRankingListId = Number(values.from);
    else body.musicianIds = [];
    this.busy = true;
    this.createError = null;
    try {
      const created = await api('POST', this.base, body);
      await this.reloadLists();
      this.selected = created.id;
    } catch (refused) {
      this.createError = messageOf(refused);
    } finally {
      this.busy = false;
    }
  }

  async deleteList(list) {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      await api('DELETE', `${this.base}/${list.id}`);
      if (this.selected === list.id) this.selected = null;
      await this.reloadLists();
    } catch (refused) {
      this.error = messageOf(refused);
    } finally {
      this.busy = false;
    }
  }

  render() {
    const p = this.project;
    return html`<section class="page">
      <p><a href=${`/o/${encodeURIComponent(this.subdomain)}/projects`}>${t('project.back')}</a></p>
      <h1>${p ? `${p.name} (${p.projectId})` : t('projects.title')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${p ? this.renderProject(p) : this.error ? '' : html`<p>${t('app.loading')}</p>`}
    </section>`;
  }

  renderProject(p) {
    return html`<dl class="facts" id="project-facts">
        <dt>${t('projects.startDate')}</dt><dd>${formatDate(p.startDate)}</dd>
        <dt>${t('projects.week')}</dt><dd>${p.weekNumber ?? '–'}</dd>
        <dt>${t('projects.rehearsalSchedule')}</dt><dd>${p.rehearsalSchedule || '–'}</dd>
        <dt>${t('projects.concertInfo')}</dt><dd>${p.concertInfo || '–'}</dd>
        <dt>${t('projects.notes')}</dt><dd>${p.notes || '–'}</dd>
      </dl>
      ${this.renderStaffing(p.staffing)}
      <div class="tabs" role="tablist" aria-label=${t('project.tabs')} @keydown=${this.tabKey}>
        ${TABS.map(
          (tab) => html`<button type="button" role="tab" id=${`tab-${tab}`} aria-controls=${`panel-${tab}`}
            aria-selected=${this.tab === tab ? 'true' : 'false'} tabindex=${this.tab === tab ? '0' : '-1'}
            @click=${() => (this.tab = tab)}>${t(`project.tab.${tab}`)}</button>`,
        )}
      </div>
      <div role="tabpanel" id=${`panel-${this.tab}`} aria-labelledby=${`tab-${this.tab}`}>${this.renderTab()}</div>`;
  }

  renderStaffing(staffing) {
    if (!staffing) return '';
    const label = t('project.staffing', staffing);
    return html`<div class="staffing" id="project-staffing" data-percentage=${staffing.percentage}>
      <progress max="100" .value=${staffing.percentage} aria-label=${label}></progress>
      <span>${label}</span>
    </div>`;
  }

  renderTab() {
    const changed = () => this.reloadProject();
    switch (this.tab) {
      case 'board':
        return html`<request-board data-live .subdomain=${this.subdomain} .projectId=${this.projectId} @changed=${changed}></request-board>`;
      case 'accepted':
        return html`<accepted-musicians data-live .subdomain=${this.subdomain} .projectId=${this.projectId}></accepted-musicians>`;
      case 'events':
        return html`<project-events data-live .subdomain=${this.subdomain} .projectId=${this.projectId}></project-events>`;
      case 'files':
        return html`<project-files .subdomain=${this.subdomain} .projectId=${this.projectId}></project-files>`;
      case 'email':
        return html`<group-email data-live .subdomain=${this.subdomain} .projectId=${this.projectId}></group-email>`;
      case 'lists':
        return this.renderCustomLists();
      default:
        return html`<project-needs data-live .subdomain=${this.subdomain} .projectId=${this.projectId} @changed=${changed}></project-needs>`;
    }
  }

  renderCustomLists() {
    return html`<h2 class="visually-hidden">${t('customLists.title')}</h2>
      <p class="hint">${t('customLists.hint')}</p>
      <div class="rankings">
        <div>
          ${this.renderLists()}
          ${canWrite() ? this.renderCreate() : ''}
        </div>
        ${this.selected
          ? html`<custom-list-editor .subdomain=${this.subdomain} .base=${this.base} .listId=${this.selected}
              @changed=${() => this.reloadLists()}></custom-list-editor>`
          : html`<p class="hint">${t('customLists.choose')}</p>`}
      </div>`;
  }

  renderLists() {
    if (this.lists.length === 0) return html`<p id="no-custom-lists">${t('customLists.none')}</p>`;
    return html`<ul class="positions" id="custom-lists">
      ${this.lists.map((list) => {
        const place = `${list.instrumentName} ${list.positionName}`;
        return html`<li data-list=${place}>
          <button type="button" class="list-button" aria-pressed=${this.selected === list.id ? 'true' : 'false'}
            @click=${() => (this.selected = list.id)}>${place} <span class="count">${list.musicianCount}</span></button>
          ${canWrite()
            ? html`<button type="button" data-write data-action="delete" ?disabled=${this.busy || list.usedByNeedIds.length > 0}
                title=${list.usedByNeedIds.length > 0 ? t('customLists.inUse') : ''}
                aria-label=${t('customLists.deleteNamed', { position: place })} @click=${() => this.deleteList(list)}>✕</button>`
            : ''}
        </li>`;
      })}
    </ul>`;
  }

  renderCreate() {
    const taken = new Set(this.lists.map((list) => list.positionId));
    const free = this.positions.filter((position) => !taken.has(position.id));
    if (free.length === 0) return html`<p class="hint">${t('customLists.everyPosition')}</p>`;
    const chosen = free.find((position) => position.id === Number(this.chosenPosition)) ?? free[0];
    return html`<form id="custom-list-form" class="panel" @submit=${this.create}>
      <h3>${t('customLists.new')}</h3>
      <label>${t('customLists.position')}
        <select name="positionId" @change=${(e) => (this.chosenPosition = e.target.value)}>
          ${free.map((position) => html`<option value=${position.id} ?selected=${position === chosen}>${position.instrumentName} ${position.name}</option>`)}
        </select>
      </label>
      <label>${t('customLists.startFrom')}
        <select name="from">
          <option value="">${t('customLists.empty')}</option>
          ${chosen.rankingLists.map((list) => html`<option value=${list.id}>${t('customLists.fromRanking', { type: list.listType, size: list.size })}</option>`)}
        </select>
      </label>
      ${this.createError ? html`<p class="error" role="alert">${this.createError}</p>` : ''}
      <div class="buttons"><button type="submit" data-write ?disabled=${this.busy}>${t('customLists.create')}</button></div>
    </form>`;
  }
}
customElements.define('project-page', ProjectPage);
