import { html } from 'lit';
import { t } from '../i18n.js';
import { needName } from '../staffing.js';

// Reasons that are a conflict with another need or another project of the week: marked as such.
const CONFLICTS = ['asked_for_other_need', 'smart_conflict', 'busy_same_week'];

/**
 * What a send would do, as the API's preview says (one need's, or the whole project's with its
 * conflict settings): per need how many would be asked now and whom, or why nobody, the next in the
 * queue, and every member of the need's list with their one reason and its conflict. `names` is a
 * MusicianNames; `codes` maps a need's id to its code (for "asked for NEED004").
 */
export function previewTemplate(preview, { names, codes }) {
  const needs = preview.needs ?? [preview];
  return html`<div id="preview" class="preview" aria-live="polite">
    ${preview.needs
      ? html`<p id="preview-total"><strong>${t('preview.total', { count: preview.totalToSend })}</strong>
          <span class="hint">${t('preview.settings', {
            strategy: t(`settings.strategy.${preview.conflictStrategy}`),
            sameWeek: t(`settings.sameWeek.${preview.sameWeekConflicts ?? 'warn'}`),
          })}</span></p>`
      : ''}
    ${needs.map((need) => needPreview(need, names, codes))}
  </div>`;
}

function needPreview(need, names, codes) {
  return html`<section class="need-preview" data-need=${need.projectNeedId}>
    <h4>${needName(need)} (${need.projectNeedId})</h4>
    <p class="to-send">
      ${need.toSend > 0
        ? t('preview.toSend', { count: need.toSend, names: need.recipients.map((id) => names.label(id)).join(', ') })
        : t(`preview.nothing.${need.nothingToSendBecause ?? 'no_candidates'}`)}
    </p>
    ${need.nextInQueue.length > 0
      ? html`<p class="hint">${t('preview.next', { names: need.nextInQueue.map((id) => names.label(id)).join(', ') })}</p>`
      : ''}
    <div class="table-wrap"><table class="members">
      <caption class="visually-hidden">${t('preview.members', { need: needName(need) })}</caption>
      <thead><tr><th scope="col">${t('preview.rank')}</th><th scope="col">${t('preview.musician')}</th><th scope="col">${t('preview.reason')}</th></tr></thead>
      <tbody>
        ${need.members.map(
          (m) => html`<tr data-musician=${m.musicianId} data-reason=${m.reason} class=${m.sendNow ? 'send-now' : CONFLICTS.includes(m.reason) ? 'conflict' : ''}>
            <td>${m.rank}</td>
            <td>${names.label(m.musicianId)}</td>
            <td>${t(`reason.${m.reason}`)}${m.sendNow ? html` <span class="badge">${t('preview.now')}</span>` : ''}
              ${m.otherNeedId ? html`<br><span class="hint">${t('preview.otherNeed', { need: codes.get(m.otherNeedId) ?? `#${m.otherNeedId}` })}</span>` : ''}
              ${m.busyInProjectId ? html`<br><span class="hint">${t('preview.busyIn', { project: m.busyInProjectId })}</span>` : ''}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>
    ${need.members.length === 0 ? html`<p>${t('preview.emptyList')}</p>` : ''}
  </section>`;
}
