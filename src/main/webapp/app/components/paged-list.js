import { api, messageOf, query } from '../api.js';

/**
 * What every page that lists a paged collection and creates in it shares: the current page, its
 * loading (the refusal kept in `loadError`), paging, and a create form's submission with no double
 * submission (`busy`), its refusal kept in `createError`; writes on a row (`onRow`), their
 * refusals kept in `rowErrors` by the item's id. A page gives `listPath` (the collection,
 * without paging) and may set `pageSize`; it renders `this.list` with `pagedTable` and
 * `onPage: (page) => this.goTo(page)`.
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
  };
