/**
 * The console's routes live in the URL fragment and hold ids only (network, session), never a
 * name or an address: fragments end up in browser history and in screenshots.
 */
export const TABS = ['registrations', 'intake', 'waitlist', 'attendance', 'feedback', 'messages', 'exports', 'organisers', 'sessions', 'details', 'document'] as const;
export type Tab = (typeof TABS)[number];

/** The Dutch path segment of each tab, as organisers see it in the address bar. */
const SEGMENTS: Record<Tab, string> = {
  registrations: 'aanmeldingen',
  intake: 'intake',
  waitlist: 'wachtlijst',
  attendance: 'aanwezigheid',
  feedback: 'feedback',
  messages: 'berichten',
  exports: 'exporteren',
  organisers: 'organisatoren',
  sessions: 'bijeenkomsten',
  details: 'gegevens',
  document: 'document',
};

export type Route =
  | { page: 'overview' }
  | { page: 'tokens' }
  | { page: 'network'; networkId: string; tab: Tab; sessionId?: string; attended?: Attended };

/** The registrations list filtered on who came to a session (`yes`) or had a place and did not (`no`). */
export interface Attended {
  sessionId: string;
  present: 'yes' | 'no';
}

/** The path segment of each attendance filter of the registrations list. */
const ATTENDED: Record<Attended['present'], string> = { yes: 'aanwezig', no: 'niet-gekomen' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeSegment);
  if (parts[0] === 'sleutels') return { page: 'tokens' };
  if (parts[0] === 'netwerk' && parts[1]) {
    const tab = (Object.keys(SEGMENTS) as Tab[]).find((t) => SEGMENTS[t] === parts[2]) ?? 'registrations';
    const present = (Object.keys(ATTENDED) as Attended['present'][]).find((p) => ATTENDED[p] === parts[4]);
    return {
      page: 'network',
      networkId: parts[1],
      tab,
      ...(tab === 'attendance' && parts[3] && { sessionId: parts[3] }),
      ...(tab === 'registrations' && parts[3] && present && { attended: { sessionId: parts[3], present } }),
    };
  }
  return { page: 'overview' };
}

export function networkHref(networkId: string, tab: Tab = 'registrations', sessionId?: string): string {
  const base = `#/netwerk/${encodeURIComponent(networkId)}`;
  if (tab === 'registrations' && !sessionId) return base;
  return `${base}/${SEGMENTS[tab]}${sessionId ? `/${encodeURIComponent(sessionId)}` : ''}`;
}

/** The registrations list of who came to a session, or had a place there and did not come. */
export function attendedHref(networkId: string, a: Attended): string {
  return `#/netwerk/${encodeURIComponent(networkId)}/${SEGMENTS.registrations}/${encodeURIComponent(a.sessionId)}/${ATTENDED[a.present]}`;
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
