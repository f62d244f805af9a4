import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';
import { api, messageOf, query } from '../api.js';
import { RESPONSE_TIMES, STRATEGIES, needName, projectPath, requestCount, responseTimeLabel } from '../staffing.js';

/**
 * The need dialog: a new need (position, then one of the lists `list-options` offers for it, with
 * how many on each could be asked and which needs use it), or a need's change. The API's rules are
 * shown, not only enforced: the position and the list never change; once the need has a request,
 * its strategy, response time and maxRecipients are frozen (shown disabled, not sent); maxRecipients
 * only for first_come. Fires `saved` (detail: the need) or `closed`.
 */
class NeedForm extends RipienoElement {
  static properties = {
    subdomain: {},
    projectId: {},
    positions: {},
    need: {},
    positionId: { state: true },
    options: { state: true },
    strategy: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    this.strategy = this.need?.requestStrategy ?? 'parallel';
    if (!this.need && this.positions?.length) this.choosePosition(this.positions[0].id);
  }

  get frozen() {
    return this.need ? requestCount(this.need) > 0 : false;
  }

  async choosePosition(positionId) {
    this.positionId = Number(positionId);
    this.options = null;
    try {
      const options = await api('GET', `${projectPath(this.subdomain, this.projectId)}/list-options${query({ positionId: this.positionId })}`);
      if (this.positionId === options.positionId) this.options = options;
    } catch (failed) {
      this.error = messageOf(failed);
    }
  }

  async submit(event) {
    event.preventDefault();
    if (this.busy) return;
    const form = new FormData(event.target);
    const body = {
      quantity: Number(form.get('quantity')),
      requireLocalResidence: form.get('requireLocalResidence') === 'on',
    };
    if (!this.frozen) {
      body.requestStrategy = form.get('requestStrategy');
      body.responseTimeHours = Number(form.get('responseTimeHours'));
      const max = form.get('maxRecipients');
      if (body.requestStrategy === 'first_come' && max) body.maxRecipients = Number(max);
    }
    if (!this.need) {
      body.positionId = this.positionId;
      const [kind, id] = String(form.get('list') ?? '').split(':');
      if (kind === 'custom') body.customRankingListId = Number(id);
      else if (kind === 'standard') body.rankingListId = Number(id);
    }
    this.busy = true;
    this.error = null;
    try {
      const base = `${projectPath(this.subdomain, this.projectId)}/needs`;
      const saved = this.need ? await api('PUT', `${base}/${this.need.id}`, body) : await api('POST', base, body);
      this.dispatchEvent(new CustomEvent('saved', { detail: saved }));
    } catch (refused) {
      this.error = messageOf(refused);
    } finally {
      this.busy = false;
    }
  }

  render() {
    const need = this.need;
    const frozen = this.frozen;
    return html`<form id="need-form" class="panel" @submit=${this.submit}>
      <h3>${need ? t('needs.editTitle', { need: `${needName(need)} (${need.projectNeedId})` }) : t('needs.new')}</h3>
      <div class="fields">
        ${need
          ? html`<p class="wide hint">${t('needs.fixedHint')}</p>`
          : html`<label>${t('needs.position')}
                <select name="positionId" @change=${(e) => this.choosePosition(e.target.value)}>
                  ${this.positions.map((p) => html`<option value=${p.id} ?selected=${p.id === this.positionId}>${p.instrumentName} ${p.name}</option>`)}
                </select>
              </label>
              ${this.renderLists()}`}
        <label>${t('needs.quantity')}
          <input name="quantity" type="number" min="1" max="500" required .value=${String(need?.quantity ?? 1)}>
        </label>
        <label>${t('needs.strategy')}
          <select name="requestStrategy" ?disabled=${frozen} @change=${(e) => (this.strategy = e.target.value)}>
            ${STRATEGIES.map((s) => html`<option value=${s} ?selected=${s === this.strategy}>${t(`strategy.${s}`)}</option>`)}
          </select>
        </label>
        ${this.strategy === 'first_come'
          ? html`<label>${t('needs.maxRecipients')}
              <input name="maxRecipients" type="number" min="1" ?disabled=${frozen} .value=${need?.maxRecipients == null ? '' : String(need.maxRecipients)}>
            </label>`
          : ''}
        <label>${t('needs.responseTime')}
          <select name="responseTimeHours" ?disabled=${frozen}>
            ${this.responseTimes(need).map((h) => html`<option value=${h} ?selected=${h === (need?.responseTimeHours ?? 48)}>${responseTimeLabel(h)}</option>`)}
          </select>
        </label>
        <label class="check"><input name="requireLocalResidence" type="checkbox" ?checked=${need?.requireLocalResidence}> ${t('needs.localOnly')}</label>
      </div>
      <p class="hint">${t(`strategy.${this.strategy}.hint`)}</p>
      ${frozen ? html`<p class="hint" id="frozen-hint">${t('needs.frozenHint')}</p>` : ''}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <div class="buttons">
        <button type="submit" data-write ?disabled=${this.busy || (!need && !this.options)}>${t(need ? 'app.save' : 'needs.create')}</button>
        <button type="button" class="secondary" @click=${() => this.dispatchEvent(new CustomEvent('closed'))}>${t('app.cancel')}</button>
      </div>
    </form>`;
  }

  /** The legacy's choices, and a need's own value when it was set otherwise (through the API). */
  responseTimes(need) {
    const own = need?.responseTimeHours;
    return own && !RESPONSE_TIMES.includes(own) ? [...RESPONSE_TIMES, own].sort((a, b) => a - b) : RESPONSE_TIMES;
  }

  renderLists() {
    if (!this.options) return html`<p class="hint">${t('app.loading')}</p>`;
    const lists = [...this.options.standardLists, ...(this.options.customList ? [this.options.customList] : [])];
    if (lists.length === 0) return html`<p class="wide error" role="alert">${t('needs.noLists')}</p>`;
    const label = (o) => {
      const name = o.isCustomList ? t('needs.customList') : t('needs.standardList', { type: o.listType });
      const used = o.isUsedInProject ? ` · ${t('needs.usedBy', { count: o.usedByNeedIds.length })}` : '';
      return `${name}: ${t('needs.available', { available: o.availableMusicians, total: o.totalActiveMusicians })}${used}`;
    };
    // A custom list serves one need of the project only; it is offered first when there is one.
    const preferred = this.options.customList && !this.options.customList.isUsedInProject ? this.options.customList : null;
    return html`<label class="wide">${t('needs.list')}
      <select name="list" required>
        ${lists.map(
          (o) => html`<option value=${`${o.isCustomList ? 'custom' : 'standard'}:${o.id}`}
            ?disabled=${o.isCustomList && o.isUsedInProject} ?selected=${o === preferred}>${label(o)}</option>`,
        )}
      </select>
    </label>`;
  }
}
customElements.define('need-form', NeedForm);
