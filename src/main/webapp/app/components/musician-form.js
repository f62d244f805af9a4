import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';
import { api, messageOf } from '../api.js';

/**
 * Creating or changing a musician, with the positions they are qualified for. Fires `saved` with
 * the musician as the API answered it, or `cancel`.
 */
class MusicianForm extends RipienoElement {
  static properties = {
    subdomain: {},
    musician: {},
    instruments: {},
    error: { state: true },
    busy: { state: true },
  };

  async submit(event) {
    event.preventDefault();
    if (this.busy) return;
    const form = new FormData(event.target);
    const body = {
      firstName: form.get('firstName'),
      lastName: form.get('lastName'),
      email: form.get('email'),
      phone: form.get('phone'),
      preferredLanguage: form.get('preferredLanguage'),
      localResidence: form.get('localResidence') === 'on',
      notes: form.get('notes'),
      isActive: form.get('isActive') === 'on',
      qualificationIds: form.getAll('qualification').map(Number),
    };
    const base = `/orchestras/${encodeURIComponent(this.subdomain)}/musicians`;
    this.busy = true;
    this.error = null;
    try {
      const saved = this.musician
        ? await api('PUT', `${base}/${this.musician.id}`, body)
        : await api('POST', base, body);
      this.dispatchEvent(new CustomEvent('saved', { detail: saved }));
    } catch (refused) {
      this.error = messageOf(refused);
    } finally {
      this.busy = false;
    }
  }

  render() {
    const m = this.musician ?? { isActive: true, preferredLanguage: 'sv', qualifications: [] };
    const qualified = new Set((m.qualifications ?? []).map((q) => q.positionId));
    return html`<form id="musician-form" class="panel" @submit=${this.submit}>
      <h2>${this.musician ? t('musicians.editTitle', { name: `${m.firstName} ${m.lastName}` }) : t('musicians.newTitle')}</h2>
      <div class="fields">
        <label>${t('musicians.firstName')} <input name="firstName" .value=${m.firstName ?? ''} required></label>
        <label>${t('musicians.lastName')} <input name="lastName" .value=${m.lastName ?? ''} required></label>
        <label>${t('musicians.email')} <input name="email" type="email" .value=${m.email ?? ''} required></label>
        <label>${t('musicians.phone')} <input name="phone" type="tel" .value=${m.phone ?? ''}></label>
        <label>${t('musicians.preferredLanguage')}
          <select name="preferredLanguage">
            ${['sv', 'en'].map((code) => html`<option value=${code} ?selected=${m.preferredLanguage === code}>${t(`language.${code}`)}</option>`)}
          </select>
        </label>
        <label class="check"><input type="checkbox" name="localResidence" ?checked=${m.localResidence}> ${t('musicians.localResidence')}</label>
        <label class="check"><input type="checkbox" name="isActive" ?checked=${m.isActive}> ${t('musicians.active')}</label>
        <label class="wide">${t('musicians.notes')} <textarea name="notes" .value=${m.notes ?? ''}></textarea></label>
      </div>
      <fieldset class="qualifications">
        <legend>${t('musicians.qualifications')}</legend>
        ${(this.instruments ?? []).map(
          (instrument) => html`<div class="instrument">
            <span class="instrument-name">${instrument.name}</span>
            ${instrument.positions.map(
              (position) => html`<label class="check">
                <input type="checkbox" name="qualification" value=${position.id}
                  data-position=${`${instrument.name}/${position.name}`} ?checked=${qualified.has(position.id)}>
                ${position.name}
              </label>`,
            )}
          </div>`,
        )}
      </fieldset>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <div class="buttons">
        <button type="submit" ?disabled=${this.busy}>${t('app.save')}</button>
        <button type="button" class="secondary" @click=${() => this.dispatchEvent(new CustomEvent('cancel'))}>${t('app.cancel')}</button>
      </div>
    </form>`;
  }
}
customElements.define('musician-form', MusicianForm);
