import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { formatDate, t } from '../i18n.js';
import { api } from '../api.js';
import { canWrite } from '../session.js';
import { pagedTable } from './paged-table.js';
import { PagedList } from './paged-list.js';

/**
 * The orchestra's projects, upcoming first (as the API orders them), and creating one; each
 * project's name leads to its page (its custom lists).
 */
class ProjectsPage extends PagedList(RipienoElement) {
  static properties = { subdomain: {} };

  get listPath() {
    return `/orchestras/${encodeURIComponent(this.subdomain)}/projects`;
  }

  updated(changed) {
    if (changed.has('subdomain')) this.load();
  }

  create(event) {
    return this.submitCreate(event, (values) => api('POST', this.listPath, values));
  }

  render() {
    return html`<section class="page">
      <h1>${t('projects.title')}</h1>
      ${canWrite() ? this.renderForm() : ''}
      ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : ''}
      ${this.list ? this.renderList() : html`<p>${t('app.loading')}</p>`}
    </section>`;
  }

  renderForm() {
    if (!this.formOpen) {
      return html`<button type="button" id="new-project" data-write @click=${() => (this.formOpen = true)}>${t('projects.new')}</button>`;
    }
    return html`<form id="project-form" class="panel" @submit=${this.create}>
      <h2>${t('projects.new')}</h2>
      <div class="fields">
        <label>${t('projects.name')} <input name="name" required></label>
        <label>${t('projects.startDate')} <input name="startDate" type="date" required></label>
        <label class="wide">${t('projects.rehearsalSchedule')} <textarea name="rehearsalSchedule"></textarea></label>
        <label class="wide">${t('projects.concertInfo')} <textarea name="concertInfo"></textarea></label>
        <label class="wide">${t('projects.notes')} <textarea name="notes"></textarea></label>
      </div>
      ${this.createError ? html`<p class="error" role="alert">${this.createError}</p>` : ''}
      <div class="buttons">
        <button type="submit" ?disabled=${this.busy}>${t('projects.create')}</button>
        <button type="button" class="secondary" @click=${() => (this.formOpen = false)}>${t('app.cancel')}</button>
      </div>
    </form>`;
  }

  renderList() {
    return pagedTable(this.list, {
      id: 'projects',
      caption: t('projects.title'),
      columns: [
        t('projects.code'),
        t('projects.name'),
        t('projects.startDate'),
        t('projects.week'),
        t('projects.when'),
      ],
      row: (p) => html`<tr data-project=${p.projectId} class=${p.upcoming ? 'upcoming' : 'past'}>
        <td>${p.projectId}</td>
        <td><a href=${`/o/${encodeURIComponent(this.subdomain)}/projects/${p.id}`}>${p.name}</a></td>
        <td>${formatDate(p.startDate)}</td>
        <td>${p.weekNumber ?? ''}</td>
        <td>${p.upcoming ? t('projects.upcoming') : t('projects.past')}</td>
      </tr>`,
      empty: t('projects.none'),
      onPage: (page) => this.goTo(page),
    });
  }
}
customElements.define('projects-page', ProjectsPage);
