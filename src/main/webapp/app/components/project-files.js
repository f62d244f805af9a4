import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { formatDateTime, t } from '../i18n.js';
import { api, download, messageOf, query, sendForm } from '../api.js';
import { canWrite } from '../session.js';
import { needName, projectPath } from '../staffing.js';
import './confirm-dialog.js';

const FILE_TYPES = ['general_info', 'sheet_music'];
const SEND_TIMINGS = ['on_request', 'on_accept'];
// The API's defaults (the legacy upload dialog's): a project file goes with the request, a need's
// file (sheet music) with the confirmation.
const DEFAULTS = {
  project: { fileType: 'general_info', sendTiming: 'on_request' },
  need: { fileType: 'sheet_music', sendTiming: 'on_accept' },
};
// The API's limit (docs/messaging.md): checked here too, so a too large file is not sent at all.
const MAX_BYTES = 10 * 1024 * 1024;

/** "2.4 MB", "830 kB", "12 B". */
function sizeLabel(bytes) {
  if (bytes == null) return '–';
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} B`;
}

/**
 * A project's files (`GET /projects/{id}/files`: the general ones and its needs'), newest first,
 * each with its type and when it is sent (with the request or the confirmation). Anyone downloads;
 * an admin uploads (`multipart/form-data` to the project or to one need, with fileType and
 * sendTiming), links a general file to a need (the same bytes, `POST .../needs/{id}/files`) and
 * deletes a file after confirming.
 */
class ProjectFiles extends RipienoElement {
  static properties = {
    subdomain: {},
    projectId: {},
    files: { state: true },
    needs: { state: true },
    target: { state: true },
    error: { state: true },
    uploadError: { state: true },
    notice: { state: true },
    rowErrors: { state: true },
    busy: { state: true },
  };

  constructor() {
    super();
    this.target = '';
    this.rowErrors = {};
  }

  get base() {
    return projectPath(this.subdomain, this.projectId);
  }

  get filesBase() {
    return `/orchestras/${encodeURIComponent(this.subdomain)}/files`;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      const [files, needs] = await Promise.all([
        api('GET', `${this.base}/files`),
        api('GET', `${this.base}/needs${query({ size: 500 })}`),
      ]);
      this.files = files;
      this.needs = needs.items;
      this.error = null;
    } catch (failed) {
      this.error = messageOf(failed);
    }
  }

  needLabel(needId) {
    const need = this.needs.find((n) => n.id === needId);
    return need ? `${needName(need)} (${need.projectNeedId})` : `#${needId}`;
  }

  async upload(event) {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target;
    const file = form.elements.file.files[0];
    this.uploadError = null;
    this.notice = null;
    if (!file) {
      this.uploadError = t('files.chooseFile');
      return;
    }
    if (file.size > MAX_BYTES) {
      this.uploadError = t('files.tooLarge', { name: file.name });
      return;
    }
    const data = new FormData();
    data.append('file', file, file.name);
    const name = form.elements.fileName.value.trim();
    if (name) data.append('fileName', name);
    data.append('fileType', form.elements.fileType.value);
    data.append('sendTiming', form.elements.sendTiming.value);
    const target = form.elements.target.value;
    this.busy = true;
    try {
      const created = await sendForm('POST', target ? `${this.base}/needs/${target}/files` : `${this.base}/files`, data);
      form.reset();
      this.target = '';
      this.notice = t('files.uploaded', { name: created.fileName });
      await this.load();
    } catch (refused) {
      this.uploadError = messageOf(refused);
    } finally {
      this.busy = false;
    }
  }

  async save(file) {
    this.rowErrors = { ...this.rowErrors, [file.id]: null };
    try {
      const { blob } = await download(`${this.filesBase}/${file.id}`);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      // The exact name (the header's plain filename is its ASCII form).
      link.download = file.originalFileName || file.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    } catch (refused) {
      this.rowErrors = { ...this.rowErrors, [file.id]: messageOf(refused) };
    }
  }

  async onRow(file, call) {
    if (this.busy) return;
    this.busy = true;
    this.notice = null;
    this.rowErrors = { ...this.rowErrors, [file.id]: null };
    try {
      await call();
      await this.load();
    } catch (refused) {
      this.rowErrors = { ...this.rowErrors, [file.id]: messageOf(refused) };
    } finally {
      this.busy = false;
    }
  }

  async deleteFile(file) {
    const confirmed = await this.querySelector('confirm-dialog').ask({
      title: t('files.deleteTitle', { name: file.fileName }),
      text: file.needId ? t('files.deleteNeedText', { need: this.needLabel(file.needId) }) : t('files.deleteText'),
      confirmLabel: t('files.delete'),
      danger: true,
    });
    if (!confirmed) return;
    await this.onRow(file, async () => {
      await api('DELETE', `${this.filesBase}/${file.id}`);
      this.notice = t('files.deleted', { name: file.fileName });
    });
  }

  async link(file, event) {
    event.preventDefault();
    const needId = Number(event.target.elements.needId.value);
    await this.onRow(file, async () => {
      await api('POST', `${this.base}/needs/${needId}/files`, { fileId: file.id });
      this.notice = t('files.linked', { name: file.fileName, need: this.needLabel(needId) });
    });
  }

  render() {
    if (!this.files) {
      return html`${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p>${t('app.loading')}</p>`}`;
    }
    return html`<confirm-dialog></confirm-dialog>
      <h2 class="visually-hidden">${t('project.tab.files')}</h2>
      <p class="hint">${t('files.hint')}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.notice ? html`<p class="notice" role="status" id="files-notice">${this.notice}</p>` : ''}
      ${canWrite() ? this.renderUpload() : ''}
      ${this.files.length === 0 ? html`<p id="no-files">${t('files.none')}</p>` : ''}
      <ul class="file-list" id="files">${this.files.map((file) => this.renderFile(file))}</ul>`;
  }

  renderUpload() {
    const defaults = this.target ? DEFAULTS.need : DEFAULTS.project;
    return html`<form class="panel" id="file-upload" @submit=${this.upload}>
      <h3>${t('files.upload')}</h3>
      <div class="fields">
        <label>${t('files.file')} <input type="file" name="file" required
          accept=".pdf,.jpg,.jpeg,.png,.gif,.doc,.docx,.txt,.xml,.mxl,.musicxml"></label>
        <label>${t('files.name')} <input name="fileName" maxlength="200" placeholder=${t('files.namePlaceholder')}></label>
        <label>${t('files.for')}
          <select name="target" @change=${(e) => (this.target = e.target.value)}>
            <option value="">${t('files.wholeProject')}</option>
            ${this.needs.map((need) => html`<option value=${need.id} ?selected=${String(need.id) === this.target}>${this.needLabel(need.id)}</option>`)}
          </select>
        </label>
        <label>${t('files.type')}
          <select name="fileType">
            ${FILE_TYPES.map((type) => html`<option value=${type} ?selected=${type === defaults.fileType}>${t(`fileType.${type}`)}</option>`)}
          </select>
        </label>
        <label>${t('files.sendTiming')}
          <select name="sendTiming">
            ${SEND_TIMINGS.map((timing) => html`<option value=${timing} ?selected=${timing === defaults.sendTiming}>${t(`sendTiming.${timing}`)}</option>`)}
          </select>
        </label>
      </div>
      <p class="hint">${t('files.allowed')}</p>
      ${this.uploadError ? html`<p class="error" role="alert">${this.uploadError}</p>` : ''}
      <div class="buttons"><button type="submit" data-write ?disabled=${this.busy}>${t('files.uploadButton')}</button></div>
    </form>`;
  }

  renderFile(file) {
    const linkable = canWrite() && file.needId == null ? this.needs.filter((need) => !this.files.some((f) => f.needId === need.id && f.storageId === file.storageId)) : [];
    return html`<li data-file=${file.fileName} data-file-id=${file.id}>
      <strong>${file.fileName}</strong> <span class="code">${file.code}</span>
      <p class="hint">${file.needId == null ? t('files.wholeProject') : this.needLabel(file.needId)}
        · ${t(`fileType.${file.fileType}`)} · ${t(`sendTiming.${file.sendTiming}`)}
        · ${sizeLabel(file.size)} · ${formatDateTime(file.uploadedAt)}</p>
      <div class="buttons">
        <button type="button" class="secondary" data-action="download" @click=${() => this.save(file)}>${t('files.download')}</button>
        ${canWrite()
          ? html`<button type="button" class="secondary" data-write data-action="delete" ?disabled=${this.busy} @click=${() => this.deleteFile(file)}>${t('files.delete')}</button>`
          : ''}
      </div>
      ${linkable.length > 0
        ? html`<form class="inline" data-write @submit=${(e) => this.link(file, e)}>
            <label>${t('files.linkTo')}
              <select name="needId">${linkable.map((need) => html`<option value=${need.id}>${this.needLabel(need.id)}</option>`)}</select>
            </label>
            <button type="submit" class="secondary" data-write ?disabled=${this.busy}>${t('files.link')}</button>
          </form>`
        : ''}
      ${this.rowErrors[file.id] ? html`<p class="error" role="alert">${this.rowErrors[file.id]}</p>` : ''}
    </li>`;
  }
}
customElements.define('project-files', ProjectFiles);
