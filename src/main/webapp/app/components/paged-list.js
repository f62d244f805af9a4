import { html } from 'lit';
import { t } from '../i18n.js';
import { api, messageOf, query } from '../api.js';

/**
 * What every page that lists a paged collection and creates in it shares: the current page, its
 * loading (the refusal kept in `loadError`), paging, and a create form's submission with no double
 * submission (`busy`), its refusal kept in `createError`; writes on a row (`onRow`), their
 * refusals kept in `rowErrors` by the item's id. A page gives `listPath` (the collection,
 * without paging) and may set `pageSize`; it renders `this.list` with `pagedTable` and
 * `onPage: (page) => this.goTo(page)`. `renderCreateForm` and `renderListArea` render the create
 * form (behind its button) and the list (or its refusal, or that it is loading); the page's
 * `create(event)` submits with `submitCreate`.
 */
export const PagedList = (Base) =>
  class extends Base {
    static properties = {
      list: { state: true },
      page: { state: true },
      loadError: { state: true },
      createError: { state: true },
      busy: { state: true },
      formOpen: { state: true },
      rowErrors: { state: true },
    };

    constructor() {
      super();
      this.page = 1;
      this.pageSize = 25;
      this.rowErrors = {};
    }

    async load() {
      try {
        this.list = await api('GET', `${this.listPath}${query({ page: this.page, size: this.pageSize })}`);
        this.loadError = null;
        this.loaded?.();
      } catch (failed) {
        this.loadError = messageOf(failed);
      }
    }

    goTo(page) {
      this.page = page;
      this.load();
    }

    /** One write on an item's row, its refusal kept for that row; no second click meanwhile. */
    async onRow(item, call) {
      if (this.busy) return;
      this.busy = true;
      this.rowErrors = { ...this.rowErrors, [item.id]: null };
      try {
        await call();
        await this.load();
      } catch (refused) {
        this.rowErrors = { ...this.rowErrors, [item.id]: messageOf(refused) };
      } finally {
        this.busy = false;
      }
    }

    /**
     * Submits a create form: `call(values)` with the form's values; afterwards the form is reset and
     * closed and the first page shown again. Answers what `call` answered (undefined if refused).
     */
    async submitCreate(event, call) {
      event.preventDefault();
      if (this.busy) return undefined;
      const form = event.target;
      const values = Object.fromEntries(new FormData(form));
      this.busy = true;
      this.createError = null;
      try {
        const answer = await call(values);
        form.reset();
        this.formOpen = false;
        this.page = 1;
        await this.load();
        return answer;
      } catch (refused) {
        this.createError = messageOf(refused);
        return undefined;
      } finally {
        this.busy = false;
      }
    }

    /** The button that opens the create form, or the form: `fields`, then `hints`, its refusal, submit and cancel. */
    renderCreateForm({ id, buttonId, title, submitLabel, fields, hints = '' }) {
      if (!this.formOpen) {
        return html`<button type="button" id=${buttonId} data-write @click=${() => (this.formOpen = true)}>${title}</button>`;
      }
      return html`<form id=${id} class="panel" @submit=${(event) => this.create(event)}>
        <h2>${title}</h2>
        <div class="fields">${fields}</div>
        ${hints}
        ${this.createError ? html`<p class="error" role="alert">${this.createError}</p>` : ''}
        <div class="buttons">
          <button type="submit" data-write ?disabled=${this.busy}>${submitLabel}</button>
          <button type="button" class="secondary" @click=${() => (this.formOpen = false)}>${t('app.cancel')}</button>
        </div>
      </form>`;
    }

    /** The list as `renderList` renders it, or why it cannot be read, or that it is loading. */
    renderListArea() {
      return html`${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : ''}
        ${this.list ? this.renderList() : html`<p>${t('app.loading')}</p>`}`;
    }
  };
