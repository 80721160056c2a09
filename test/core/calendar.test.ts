import { expect } from '@esm-bundle/chai';
import { networkCalendar, calendarEvent, googleCalendarUrl, outlookCalendarUrl } from '../../src/core/index.js';
import { makeNetwork } from '../helpers/fixtures.js';
import { SEED_IDS, seed } from '../helpers/seeds.js';

function unfold(ics: string): string {
  return ics.replace(/\r\n[ \t]/g, '');
}

/** The properties a leerkring feed may contain; anything else in a feed was put there by its data. */
const PROPERTIES = new Set(['BEGIN', 'END', 'VERSION', 'PRODID', 'NAME', 'X-WR-CALNAME', 'X-WR-CALDESC', 'REFRESH-INTERVAL', 'X-PUBLISHED-TTL', 'URL', 'UID', 'SEQUENCE', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY', 'DESCRIPTION', 'LOCATION', 'STATUS', 'X-MICROSOFT-CDO-ALLDAYEVENT', 'X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT']);

/**
 * A strict reading of RFC 5545: CRLF line ends, every unfolded line `NAME(;param=value)*:value`
 * with a known name and no control characters, components properly nested. Returns the
 * content lines, each with its name and unescaped text value.
 */
function strictParse(ics: string): { name: string; value: string }[] {
  expect(ics.endsWith('\r\n'), 'ends with CRLF').to.equal(true);
  expect(/\r(?!\n)|(?<!\r)\n/.test(ics), 'no bare CR or LF').to.equal(false);
  const lines = unfold(ics).slice(0, -2).split('\r\n');
  const stack: string[] = [];
  return lines.map((line) => {
    const m = /^([A-Z][A-Z0-9-]*)((?:;[A-Z0-9-]+=(?:"[^"\x00-\x1F]*"|[^";:,\x00-\x1F]*))*):([^\x00-\x08\x0A-\x1F\x7F]*)$/.exec(line);
    expect(m, `a content line: ${JSON.stringify(line)}`).to.not.equal(null);
    const [, name, , raw] = m!;
    expect(PROPERTIES.has(name!), `known property ${name}`).to.equal(true);
    if (name === 'BEGIN') stack.push(raw!);
    if (name === 'END') expect(stack.pop(), `END:${raw} closes its BEGIN`).to.equal(raw);
    const value = raw!.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
    return { name: name!, value };
  });
}

describe('calendar export', () => {
  it('gives each seed network a calendar with one event per dated session', async () => {
    for (const id of SEED_IDS) {
      const n = await seed(id);
      const ics = networkCalendar(n);
      expect(ics.startsWith('BEGIN:VCALENDAR\r\n'), id).to.equal(true);
      expect(ics.trimEnd().endsWith('END:VCALENDAR'), id).to.equal(true);
      const dated = n.sessions.filter((s) => s.start || s.date).length;
      expect(ics.match(/BEGIN:VEVENT/g)?.length ?? 0, id).to.equal(dated);
    }
  });

  it('writes UTC times on both sides of the CET/CEST switch', () => {
    const n = makeNetwork({}, [
      { id: 'winter', title: 'W', type: 'other', start: '2026-03-28T19:30', end: '2026-03-28T21:00' },
      { id: 'summer', title: 'S', type: 'other', start: '2026-03-29T19:30', end: '2026-03-29T21:00' },
    ]);
    const ics = unfold(networkCalendar(n));
    expect(ics).to.contain('DTSTART:20260328T183000Z');
    expect(ics).to.contain('DTSTART:20260329T173000Z');
  });

  it('writes a date-only session as an all-day event on the right date', () => {
    const n = makeNetwork({}, [{ id: 'd', title: 'D', type: 'other', date: '2026-06-05' }]);
    const ics = unfold(networkCalendar(n));
    expect(ics).to.contain('DTSTART;VALUE=DATE:20260605');
    expect(ics).to.contain('DTEND;VALUE=DATE:20260606');
  });

  it('keeps UIDs stable across edits, raises SEQUENCE on a move, and keeps a cancelled session', () => {
    const before = makeNetwork({}, [{ id: 'a', title: 'A', type: 'other', start: '2026-05-01T10:00' }]);
    const moved = makeNetwork({}, [
      { id: 'a', title: 'A (nieuwe datum)', type: 'other', start: '2026-05-08T10:00', status: 'moved', movedFrom: ['2026-05-01T10:00'] },
    ]);
    const cancelled = makeNetwork({}, [
      { id: 'a', title: 'A', type: 'other', start: '2026-05-08T10:00', status: 'cancelled', movedFrom: ['2026-05-01T10:00'] },
    ]);
    const uid = (ics: string) => /UID:(.*)\r\n/.exec(ics)![1];
    expect(uid(networkCalendar(before))).to.equal(uid(networkCalendar(moved))).and.equal('a.test-netwerk@leerkring');
    expect(networkCalendar(before)).to.contain('SEQUENCE:0');
    expect(networkCalendar(moved)).to.contain('SEQUENCE:1');
    expect(networkCalendar(cancelled)).to.contain('SEQUENCE:2').and.contain('STATUS:CANCELLED');
    expect(networkCalendar(before)).to.equal(networkCalendar(before));
  });

  it('never puts the online join link in a feed or a calendar link', () => {
    const n = makeNetwork({}, [
      { id: 'o', title: 'Online', type: 'other', start: '2026-05-01T10:00', venue: { type: 'online', platform: 'Teams', joinUrl: 'https://example.org/geheim' } },
    ]);
    const ics = unfold(networkCalendar(n));
    expect(ics).to.not.contain('geheim');
    expect(ics).to.contain('LOCATION:Online (Teams)');
    const e = calendarEvent(n, n.sessions[0]!)!;
    expect(googleCalendarUrl(e)).to.not.contain('geheim');
    expect(outlookCalendarUrl(e)).to.not.contain('geheim');
  });

  it('makes web-calendar links with UTC times', async () => {
    const n = await seed('twentse-noabers');
    const e = calendarEvent(n, n.sessions[0]!)!;
    const g = new URL(googleCalendarUrl(e));
    expect(g.searchParams.get('dates')).to.equal('20220421T173000Z/20220421T190000Z');
    // The venue's note is part of where it is (issue 23): "somewhere in Almelo".
    expect(g.searchParams.get('location')).to.equal('Almelo · De precieze locatie in Almelo volgt.');
    const o = new URL(outlookCalendarUrl(e));
    expect(o.searchParams.get('startdt')).to.equal('2022-04-21T17:30:00.000Z');
  });

  describe('data that would write its own lines', () => {
    const injection = 'Evil\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:injected@evil\r\nSUMMARY:Gratis; geld\\, nu\r\nDTSTART:20300101T000000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT';
    // Stored data is not always what the schema lets in today: build it past the parser.
    const hostile = () => {
      const n = makeNetwork({}, [
        { id: 'a', title: 'A', type: 'other', start: '2026-05-01T10:00', venue: { type: 'physical', name: 'Zaal', city: 'Utrecht' } },
        { id: 'b', title: 'B', type: 'other', date: '2026-06-05' },
        { id: 'c', title: 'C', type: 'other' },
      ]);
      return {
        ...n,
        title: `Netwerk${injection}`,
        url: 'https://example.org/netwerk\r\nX-INJECTED:1',
        sessions: [
          { ...n.sessions[0]!, id: 'a\r\nX-INJECTED:2', title: `Sessie${injection}`, description: `Regel\nregel${injection}`, venue: { type: 'physical' as const, name: `Zaal${injection}`, city: 'Utrecht\u0000\u001B\u000B' }, partners: [{ name: `P${injection}` }] },
          n.sessions[1]!,
          n.sessions[2]!,
        ],
      };
    };

    it('escapes NAME and X-WR-CALNAME like SUMMARY, so a title cannot add events', () => {
      const ics = networkCalendar(hostile());
      const lines = strictParse(ics);
      expect(lines.filter((l) => l.name === 'BEGIN' && l.value === 'VEVENT')).to.have.length(2);
      expect(lines.filter((l) => l.name === 'UID').map((l) => l.value)).to.not.include('injected@evil');
      expect(lines.some((l) => l.name === 'DTSTART' && l.value.startsWith('2030'))).to.equal(false);
      const name = lines.find((l) => l.name === 'NAME')!.value;
      expect(name).to.equal(lines.find((l) => l.name === 'X-WR-CALNAME')!.value);
      expect(name.startsWith('Netwerk')).to.equal(true);
      expect(name).to.contain('Gratis; geld');
    });

    it('keeps every text property of an event one escaped line, also in a single-session download', () => {
      for (const ics of [networkCalendar(hostile()), networkCalendar(hostile(), { sessionIds: ['b'] }), networkCalendar(hostile(), { locale: 'en' })]) {
        const lines = strictParse(ics);
        for (const l of lines) expect(l.value).to.not.match(/[\u0000-\u0008\u000B-\u001F]/);
        expect(lines.filter((l) => l.name.startsWith('X-INJECTED'))).to.have.length(0);
      }
    });

    it('escapes commas and semicolons in NAME as in SUMMARY, and leaves an ordinary URL as it is', () => {
      const n = makeNetwork({}, [{ id: 'a', title: 'Kennismaking, en meer; veel meer', type: 'other', start: '2026-05-01T10:00' }], { title: 'Leren, samen; doen', url: 'https://example.org/x' } as never);
      const lines = strictParse(networkCalendar(n));
      expect(lines.find((l) => l.name === 'NAME')!.value).to.equal('Leren, samen; doen');
      expect(unfold(networkCalendar(n))).to.contain('NAME:Leren\\, samen\\; doen\r\n').and.contain('URL;VALUE=URI:https://example.org/x');
    });
  });

  it('folds long lines at 74 octets, never inside a character, and unfolds to the same text', () => {
    const title = 'Één dag over wijkgericht werken 🏘️ met bewoners, ambtenaren en ondernemers — ook in het Frysk: Mienskip ûnder ien dak';
    const n = makeNetwork({}, [{ id: 'lang', title, type: 'other', start: '2030-05-01T10:00', description: `${'Regel met ë en 😀 '.repeat(12)}\nEinde` }]);
    const ics = networkCalendar(n);
    const bytes = new TextEncoder();
    for (const physical of ics.slice(0, -2).split('\r\n')) {
      expect(bytes.encode(physical.startsWith(' ') ? physical.slice(1) : physical).length, physical).to.be.at.most(74);
      // A fold between the halves of a surrogate pair would leave a lone surrogate on each side.
      expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(physical), physical).to.equal(false);
    }
    const lines = strictParse(ics);
    expect(lines.find((l) => l.name === 'SUMMARY')!.value).to.equal(`${title} (${n.title})`);
    expect(lines.find((l) => l.name === 'DESCRIPTION')!.value.startsWith(`${'Regel met ë en 😀 '.repeat(12)}\nEinde`)).to.equal(true);
  });
});
