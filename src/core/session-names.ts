/**
 * What to call a session where one is chosen or named (a filter, a link, a button, a log): its
 * title, and, where another session of the network has the same title, its date beside it.
 */
import type { Session } from './schema.js';
import { sessionStart } from './session-time.js';
import { formatDate, formatDateTime, type Locale } from './i18n/format.js';

const key = (title: string) => title.trim().toLocaleLowerCase();

/**
 * The names of `sessions`, by id: the title alone where it is the only one with that title,
 * else "title (date)" — with the time too when two of them fall on the same day, and `noDate`
 * for one without a date. An id that is not (or no longer) among them is named by itself.
 * @example sessionNames([{ id: 'a', title: 'Dag', date: '2030-05-01' }, { id: 'b', title: 'Dag', date: '2030-06-05' }], 'nl', 'datum volgt')('a') // 'Dag (woensdag 1 mei 2030)'
 */
export function sessionNames(sessions: readonly Session[], locale: Locale, noDate: string): (id: string) => string {
  const count = new Map<string, number>();
  for (const s of sessions) count.set(key(s.title), (count.get(key(s.title)) ?? 0) + 1);
  const days = new Map<string, number>();
  const day = (s: Session) => {
    const start = sessionStart(s);
    return start ? `${key(s.title)}\u0000${formatDate(locale, start)}` : undefined;
  };
  for (const s of sessions) {
    const d = day(s);
    if (d) days.set(d, (days.get(d) ?? 0) + 1);
  }
  const names = new Map<string, string>();
  for (const s of sessions) {
    if ((count.get(key(s.title)) ?? 0) < 2) {
      names.set(s.id, s.title);
      continue;
    }
    const start = sessionStart(s);
    const when = !start ? noDate : s.start && (days.get(day(s)!) ?? 0) > 1 ? formatDateTime(locale, start) : formatDate(locale, start);
    names.set(s.id, `${s.title} (${when})`);
  }
  return (id) => names.get(id) ?? id;
}
