import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { formatDateTime, t } from '../i18n.js';
import { api, messageOf } from '../api.js';
import { canWrite } from '../session.js';

/**
 * The orchestra's email templates: the list, editing one with its variables and a preview of the
 * saved text with example values filled in (the API's preview), and restoring the defaults. A
 * `user` reads the templates and their variables only.
 */
class TemplatesPage extends RipienoElement {
  static properties = {
    subdomain: {},
    templates: { state: true },
    editing: { state: true },
    preview: { state: true },
    loadError: { state: true },
    formError: { state: true },
    restoreError: { state: true },
    restored: { state: true },
    busy: { state: true },
  };

  get base() {
    return `/orchestras/${encodeURIComponent(this.subdomain)}/templates`;
  }

  updated(changed) {
    if (changed.has('subdomain')) this.load();
  }

  async load() {
    try {
      this.templates = (await api('GET', `${this.base}?size=200`)).items;
      this.loadError = null;
    } catch (failed) {
      this.loadError = messageOf(failed);
    }
  }

  async open(template) {
    this.editing = template;
    this.preview = null;
    this.formError = null;
    // The preview is a POST, which the API keeps for those who write.
    if (canWrite()) await this.showPreview(template.id);
  }

  async showPreview(id) {
    try {
      this.preview = await api('POST', `${this.base}/${id}/preview`);
    } catch (failed) {
      this.formError = messageOf(failed);
    }
  }

  async save(event) {
    event.preventDefault();
    if (this.busy) return;
    const values = Object.fromEntries(new FormData(event.target));
    this.busy = true;
    this.formError = null;
    try {
      this.editing = await api('PUT', `${this.base}/${this.editing.id}`, values);
      await this.showPreview(this.editing.id);
      await this.load();
    } catch (refused) {
      this.formError = messageOf(refused);
    } finally {
      this.busy = false;
    }
  }

  async restoreDefaults() {
    if (this.busy) return;
    this.busy = true;
    this.restoreError = null;
    try {
      this.restored = await api('POST', `${this.base}/restore-defaults`);
      this.editing = null;
      await this.load();
    } catch (refused) {
      this.restoreError = messageOf(refused);
    } finally {
      this.busy = false;
    }
  }

  render() {
    const writes = canWrite();
    return html`<section class="page">
      <h1>${t('templates.title')}</h1>
      ${writes
        ? html`<div class="buttons">
            <button type="button" id="restore-defaults" data-write ?disabled=${this.busy} @click=${this.restoreDefaults}>
              ${t('templates.restoreDefaults')}</button>
          </div>
          <p class="hint">${t('templates.restoreHint')}</p>
          ${this.restoreError ? html`<p class="error" role="alert">${this.restoreError}</p>` : ''}
          ${this.restored ? html`<p class="notice" role="status" id="restored">${this.restoredText()}</p>` : ''}`
        : ''}
      ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : ''}
      ${this.editing ? this.renderEditor(writes) : ''}
      ${this.templates ? this.renderList() : html`<p>${t('app.loading')}</p>`}
    </section>`;
  }

  restoredText() {
    const names = (list) => (list && list.length ? list.join(', ') : '–');
    return t('templates.restored', { created: names(this.restored.created), restored: names(this.restored.restored) });
  }

  renderList() {
    return html`<div class="table-wrap"><table id="templates">
      <caption class="visually-hidden">${t('templates.title')}</caption>
      <thead><tr>
        <th scope="col">${t('templates.type')}</th>
        <th scope="col">${t('templates.subject')}</th>
        <th scope="col">${t('templates.updated')}</th>
        <th scope="col"><span class="visually-hidden">${t('app.actions')}</span></th>
      </tr></thead>
      <tbody>${this.templates.map((template) => html`<tr data-template=${template.type}>
        <td>${template.type}</td>
        <td>${template.subject}</td>
        <td>${formatDateTime(template.updatedAt ?? template.createdAt)}</td>
        <td class="actions"><button type="button" @click=${() => this.open(template)}
          aria-label=${t('templates.openNamed', { type: template.type })}>${canWrite() ? t('app.edit') : t('templates.show')}</button></td>
      </tr>`)}</tbody>
    </table></div>
    ${this.templates.length === 0 ? html`<p>${t('templates.none')}</p>` : ''}`;
  }

  renderEditor(writes) {
    const template = this.editing;
    return html`<div class="template-editor">
      <form id="template-form" class="panel" @submit=${this.save}>
        <h2>${t('templates.editing', { type: template.type })}</h2>
        <fieldset ?disabled=${!writes}>
          <label>${t('templates.subject')} <input name="subject" required .value=${template.subject}></label>
          <label>${t('templates.body')} <textarea name="body" rows="12" required .value=${template.body}></textarea></label>
        </fieldset>
        <p class="hint">${t('templates.variables')}
          ${template.variables.map((name) => html`<code class="variable">{{${name}}}</code> `)}</p>
        ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : ''}
        <div class="buttons">
          ${writes ? html`<button type="submit" data-write ?disabled=${this.busy}>${t('templates.saveAndPreview')}</button>` : ''}
          <button type="button" class="secondary" @click=${() => (this.editing = null)}>${t('app.close')}</button>
        </div>
      </form>
      ${this.preview ? this.renderPreview() : ''}
    </div>`;
  }

  renderPreview() {
    const preview = this.preview;
    return html`<section class="panel preview" id="template-preview" aria-live="polite">
      <h2>${t('templates.preview')}</h2>
      <p><strong>${t('templates.subject')}:</strong> <span id="preview-subject">${preview.subject}</span></p>
      <pre id="preview-body">${preview.body}</pre>
      ${preview.unknownVariables?.length
        ? html`<p class="error" role="alert">${t('templates.unknownVariables', { names: preview.unknownVariables.join(', ') })}</p>`
        : ''}
    </section>`;
  }
}
customElements.define('templates-page', TemplatesPage);
