import { api, query } from '../api.js';
import { t } from '../i18n.js';
import { RankedListEditor } from './ranked-list-editor.js';

/**
 * One custom list of a project: its musicians by rank; adding an active musician qualified on its
 * position, removing one, reordering by drag and drop or by keyboard. The API takes the whole new
 * membership in one call (`PUT` with `musicianIds`), so every change sends it; fires `changed`
 * afterwards.
 */
class CustomListEditor extends RankedListEditor {
  static properties = { subdomain: {} };

  static ids = {
    editor: 'custom-list',
    hint: 'custom-reorder-hint',
    announcement: 'custom-list-announcement',
    form: 'add-to-custom-list',
    select: 'custom-available-musician',
  };

  fetchList() {
    return api('GET', `${this.base}/${this.listId}`);
  }

  /** The active musicians qualified on the list's position who are not on it yet. */
  async fetchAvailable(list) {
    const qualified = await api(
      'GET',
      `/orchestras/${encodeURIComponent(this.subdomain)}/musicians${query({ positionId: list.positionId, status: 'active', size: 500 })}`,
    );
    const members = new Set(list.members.map((m) => m.musicianId));
    return qualified.items.filter((m) => !members.has(m.id));
  }

  membersOf(list) {
    return list.members.map((m) => ({ key: m.musicianId, code: m.musicianCode, name: `${m.firstName} ${m.lastName}`, rank: m.rank }));
  }

  title(list) {
    return t('customLists.listNamed', { position: `${list.instrumentName} ${list.positionName}` });
  }

  get order() {
    return this.membersOf(this.list).map((m) => m.key);
  }

  saveAdded(musicianId) {
    return this.saveOrder([...this.order, musicianId]);
  }

  saveRemoved(member) {
    return this.saveOrder(this.order.filter((key) => key !== member.key));
  }

  saveOrder(keys) {
    return api('PUT', `${this.base}/${this.listId}`, { musicianIds: keys });
  }
}
customElements.define('custom-list-editor', CustomListEditor);
