import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';

/**
 * The one confirmation of the staffing actions that cannot be taken back (an answer given by phone,
 * a withdrawal, a cancelled request, a link sent again, a cancelled project): a modal `<dialog>`
 * naming what will happen. `ask({title, text, confirmLabel, danger, note})` shows it and answers
 * `{note}` when confirmed (the typed note when `note` is set), `null` when cancelled (the Cancel
 * button or Escape). Named `ask`, never `open`, `show` or `close`: those are the dialog's own.
 */
class ConfirmDialog extends RipienoElement {
  static properties = { question: { state: true } };

  async ask(question) {
    this.settle?.(null);
    this.question = question;
    await this.updateComplete;
    const dialog = this.querySelector('dialog');
    // The same elements serve every question: a note typed for the last one is not this one's.
    const note = this.querySelector('textarea[name=note]');
    if (note) note.value = '';
    if (!dialog.open) dialog.showModal();
    return new Promise((resolve) => {
      this.settle = (answer) => {
        this.settle = null;
        if (dialog.open) dialog.close();
        resolve(answer);
      };
    });
  }

  confirmed(event) {
    event.preventDefault();
    const note = this.querySelector('textarea[name=note]')?.value.trim();
    this.settle?.({ note: note || undefined });
  }

  render() {
    const q = this.question;
    return html`<dialog class="confirm" aria-labelledby="confirm-title" @cancel=${() => this.settle?.(null)}>
      ${q
        ? html`<form method="dialog" id="confirm-form" @submit=${this.confirmed}>
            <h2 id="confirm-title">${q.title}</h2>
            <p>${q.text}</p>
            ${q.note
              ? html`<label>${t('confirm.note')} <textarea name="note" maxlength="10000"></textarea></label>`
              : ''}
            <div class="buttons">
              <button type="submit" id="confirm-yes" class=${q.danger ? 'danger' : ''}>${q.confirmLabel}</button>
              <button type="button" id="confirm-no" class="secondary" @click=${() => this.settle?.(null)}>${t('app.cancel')}</button>
            </div>
          </form>`
        : ''}
    </dialog>`;
  }
}
customElements.define('confirm-dialog', ConfirmDialog);
