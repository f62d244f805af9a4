import { api } from '../api.js';
import { t } from '../i18n.js';
import { RankedListEditor } from './ranked-list-editor.js';

/**
 * One ranking list: its musicians by rank; adding a qualified musician, removing one, and
 * reordering by drag and drop or by keyboard (Alt+↑/Alt+↓ on a focused musician, or the buttons).
 * Every change is saved at once (a reorder sends the whole order); fires `changed` afterwards.
 */
class RankingListEditor extends RankedListEditor {
  static ids = {
    editor: 'ranking-list',
    hint: 'reorder-hint',
    announcement: 'ranking-announcement',
    form: 'add-to-list',
    select: 'available-musician',
  };

  fetchList() {
    return api('GET', `${this.base}/${this.listId}`);
  }

  /** The qualified musicians not on the list yet (a list of a position stays well below 500). */
  async fetchAvailable() {
    return (await api('GET', `${this.base}/${this.listId}/available?size=500`)).items;
  }

  membersOf(list) {
    return list.musicians.map((m) => ({ key: m.id, code: m.musicianId, name: `${m.firstName} ${m.lastName}`, rank: m.rank }));
  }

  title(list) {
    return t('rankings.listNamed', { type: list.listType, position: `${list.position.instrumentName} ${list.position.name}` });
  }

  saveAdded(musicianId) {
    return api('POST', `${this.base}/${this.listId}/musicians`, { musicianId });
  }

  saveRemoved(member) {
    return api('DELETE', `${this.base}/${this.listId}/musicians/${member.key}`);
  }

  saveOrder(keys) {
    return api('PUT', `${this.base}/${this.listId}/order`, { musicianIds: keys });
  }
}
customElements.define('ranking-list-editor', RankingListEditor);
