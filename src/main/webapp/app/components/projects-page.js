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
      ${canWrite()
        ? this.renderCreateForm({
            id: 'project-form',
            buttonId: 'new-project',
            title: t('projects.new'),
            submitLabel: t('projects.create'),
            fields: html`<label>${t('projects.name')} <input name="name" required></label>
              <label>${t('projects.startDate')} <input name="startDate" type="date" required></label>
              <label class="wide">${t('projects.rehearsalSchedule')} <textarea name="rehearsalSchedule"></textarea></label>
              <label class="wide">${t('projects.concertInfo')} <textarea name="concertInfo"></textarea></label>
              <label class="wide">${t('projects.notes')} <textarea name="notes"></textarea></label>`,
          })
        : ''}
      ${this.renderListArea()}
    </section>`;
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
