// What the staffing screens (a project's needs, previews, request board, accepted musicians) share:
// the API's paths, the legacy's choices of response time, and musicians' names by id.
import { api, query } from './api.js';
import { t } from './i18n.js';

/** The legacy need dialog's response times, in hours: 1 h … 3 months (legacy-system.md §3.2). */
export const RESPONSE_TIMES = [1, 2, 3, 4, 6, 8, 12, 18, 24, 48, 72, 96, 120, 144, 168, 336, 504, 720, 1440, 2160];
export const STRATEGIES = ['sequential', 'parallel', 'first_come'];
/** How often an open board, a need list or the accepted musicians are read again. */
export const REFRESH_MILLIS = 5000;

/** A response time as people say it: "6 h", "3 days", "2 weeks", "1 month". */
export function responseTimeLabel(hours) {
  if (hours % 720 === 0) return t('responseTime.months', { count: hours / 720 });
  if (hours % 168 === 0 && hours >= 336) return t('responseTime.weeks', { count: hours / 168 });
  if (hours % 24 === 0) return t('responseTime.days', { count: hours / 24 });
  return t('responseTime.hours', { count: hours });
}

export function projectPath(subdomain, projectId) {
  return `/orchestras/${encodeURIComponent(subdomain)}/projects/${encodeURIComponent(projectId)}`;
}

export function needName(need) {
  return `${need.instrumentName ?? ''} ${need.positionName ?? ''}`.trim();
}

/** Requests a need has had, of any status: once there is one, strategy, response time and maxRecipients are frozen. */
export function requestCount(need) {
  const c = need.counts ?? {};
  return (c.pending ?? 0) + (c.accepted ?? 0) + (c.declined ?? 0) + (c.timedOut ?? 0) + (c.cancelled ?? 0);
}

/**
 * Musicians' names and codes by id, read once per position (`/musicians?positionId=`) and kept for
 * the page's life: previews and the board's queue give musicians by id only.
 */
export class MusicianNames {
  constructor(subdomain) {
    this.subdomain = subdomain;
    this.names = new Map();
    this.positions = new Set();
  }

  async forPositions(positionIds) {
    const missing = [...new Set(positionIds)].filter((id) => id != null && !this.positions.has(id));
    await Promise.all(
      missing.map(async (positionId) => {
        const page = await api('GET', `/orchestras/${encodeURIComponent(this.subdomain)}/musicians${query({ positionId, size: 500 })}`);
        for (const m of page.items) this.names.set(m.id, { name: `${m.firstName} ${m.lastName}`, code: m.musicianId });
        this.positions.add(positionId);
      }),
    );
  }

  /** "Anna Berg (MUS004)", or the bare id when the musician is not known here. */
  label(musicianId) {
    const known = this.names.get(musicianId);
    return known ? `${known.name} (${known.code})` : `#${musicianId}`;
  }
}
