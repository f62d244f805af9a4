import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';
import { ApiError, messageOf, sendText } from '../api.js';

/**
 * Importing musicians from a CSV file: first a dry run whose report names every bad row, then the
 * real import (of the valid rows only, when asked). Fires `imported` after a real import and
 * `cancel` when closed.
 */
class MusicianImport extends RipienoElement {
  static properties = {
    subdomain: {},
    text: { state: true },
    report: { state: true },
    imported: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  async choose(event) {
    const file = event.target.files[0];
    this.report = null;
    this.imported = null;
    this.error = null;
    this.text = file ? await file.text() : null;
  }

  async check() {
    this.report = await this.run({ dryRun: true });
  }

  async importRows() {
    const validOnly = this.querySelector('#import-valid-only')?.checked ?? false;
    const report = await this.run({ importValidRows: validOnly });
    if (report) {
      this.imported = report;
      this.report = null;
      this.dispatchEvent(new CustomEvent('imported'));
    }
  }

  /** One import call; a refusal that carries a report (rows with errors) shows that report. */
  async run(parameters) {
    if (this.busy || !this.text) return null;
    this.busy = true;
    this.error = null;
    try {
      const search = new URLSearchParams(parameters).toString();
      return await sendText('POST', `/orchestras/${encodeURIComponent(this.subdomain)}/musicians/import?${search}`, this.text, 'text/csv');
    } catch (refused) {
      this.error = messageOf(refused);
      if (refused instanceof ApiError && refused.problem?.errors) this.report = refused.problem;
      return null;
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`<section class="panel" id="musician-import" aria-labelledby="import-title">
      <h2 id="import-title">${t('import.title')}</h2>
      <p class="hint">${t('import.hint')}</p>
      <label>${t('import.file')} <input type="file" id="import-file" accept=".csv,text/csv" @change=${this.choose}></label>
      <div class="buttons">
        <button type="button" id="import-check" data-write ?disabled=${this.busy || !this.text} @click=${this.check}>${t('import.check')}</button>
        <button type="button" class="secondary" @click=${() => this.dispatchEvent(new CustomEvent('cancel'))}>${t('app.close')}</button>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.report ? this.renderReport(this.report) : ''}
      ${this.imported
        ? html`<p class="notice" role="status" id="import-done">${t('import.done', { imported: this.imported.imported, rows: this.imported.rows })}</p>`
        : ''}
    </section>`;
  }

  renderReport(report) {
    const errors = report.errors ?? [];
    return html`<div id="import-report" aria-live="polite">
      <p>${t('import.summary', { rows: report.rows, valid: report.valid, errors: errors.length })}</p>
      ${errors.length
        ? html`<ul class="import-errors">
            ${errors.map((e) => html`<li data-line=${e.line ?? ''}>${e.line ? t('import.line', { line: e.line }) : t('import.file')}: ${e.reason}</li>`)}
          </ul>
          <label class="check"><input type="checkbox" id="import-valid-only"> ${t('import.validOnly')}</label>`
        : ''}
      <button type="button" id="import-run" data-write ?disabled=${this.busy || report.valid === 0} @click=${this.importRows}>
        ${t('import.run', { valid: report.valid })}</button>
    </div>`;
  }
}
customElements.define('musician-import', MusicianImport);
