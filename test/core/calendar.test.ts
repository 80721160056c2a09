import { expect } from '@esm-bundle/chai';
import { networkCalendar, calendarEvent, googleCalendarUrl, outlookCalendarUrl } from '../../src/core/index.js';
import { makeNetwork } from '../helpers/fixtures.js';
import { SEED_IDS, seed } from '../helpers/seeds.js';

function unfold(ics: string): string {
  return ics.replace(/\r\n[ \t]/g, '');
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
    expect(g.searchParams.get('location')).to.equal('Almelo');
    const o = new URL(outlookCalendarUrl(e));
    expect(o.searchParams.get('startdt')).to.equal('2022-04-21T17:30:00.000Z');
  });
});
