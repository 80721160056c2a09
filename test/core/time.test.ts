import { expect } from '@esm-bundle/chai';
import {
  amsterdamOffsetMinutes,
  parseDateTime,
  parseDeadline,
  endOfAmsterdamDay,
  isDateTimeString,
  amsterdamDate,
  amsterdamClock,
  formatDateTime,
  formatTime,
  sessionTiming,
  sessionWhenText,
  sessionDaysText,
  spansDays,
  type Session,
} from '../../src/core/index.js';

const iso = (s: string) => parseDateTime(s)?.toISOString();

describe('time in Europe/Amsterdam', () => {
  it('reads wall time as CET in winter and CEST in summer', () => {
    expect(iso('2026-01-15T10:00')).to.equal('2026-01-15T09:00:00.000Z');
    expect(iso('2026-07-01T10:00')).to.equal('2026-07-01T08:00:00.000Z');
    expect(amsterdamOffsetMinutes(new Date('2026-01-15T12:00:00Z'))).to.equal(60);
    expect(amsterdamOffsetMinutes(new Date('2026-07-01T12:00:00Z'))).to.equal(120);
  });

  it('handles the spring switch (29 March 2026, 02:00 → 03:00)', () => {
    expect(iso('2026-03-29T01:59')).to.equal('2026-03-29T00:59:00.000Z');
    expect(iso('2026-03-29T03:00')).to.equal('2026-03-29T01:00:00.000Z');
    // 02:30 does not exist that night: it moves forward by the hour that was skipped.
    expect(iso('2026-03-29T02:30')).to.equal('2026-03-29T01:30:00.000Z');
  });

  it('handles the autumn switch (25 October 2026, 03:00 → 02:00)', () => {
    expect(iso('2026-10-25T01:30')).to.equal('2026-10-24T23:30:00.000Z');
    // 02:30 happens twice; the first (summer time) is meant.
    expect(iso('2026-10-25T02:30')).to.equal('2026-10-25T00:30:00.000Z');
    expect(iso('2026-10-25T03:30')).to.equal('2026-10-25T02:30:00.000Z');
  });

  it('honours an explicit offset instead of reinterpreting it', () => {
    expect(iso('2026-03-12T19:30:00+01:00')).to.equal('2026-03-12T18:30:00.000Z');
    expect(iso('2026-03-12T19:30:00Z')).to.equal('2026-03-12T19:30:00.000Z');
  });

  it('rejects dates and times that do not exist', () => {
    for (const bad of ['2026-02-30T10:00', '2026-13-01T10:00', '2026-03-12T24:00', '2026-03-12 19:30', '12-03-2026', ''])
      expect(isDateTimeString(bad), bad).to.equal(false);
  });

  it('reads a bare-date deadline as the end of that day in Amsterdam (midnight)', () => {
    expect(parseDeadline('2026-03-01')?.toISOString()).to.equal('2026-03-01T23:00:00.000Z');
    expect(parseDeadline('2026-07-01')?.toISOString()).to.equal('2026-07-01T22:00:00.000Z');
    // The night of the spring switch: midnight after 28 March is still CET.
    expect(endOfAmsterdamDay('2026-03-28').toISOString()).to.equal('2026-03-28T23:00:00.000Z');
    // The day of the autumn switch is 25 hours long; the next midnight is CET again.
    expect(endOfAmsterdamDay('2026-10-25').toISOString()).to.equal('2026-10-25T23:00:00.000Z');
    expect(endOfAmsterdamDay('2026-10-24').toISOString()).to.equal('2026-10-24T22:00:00.000Z');
  });

  it('shows instants in Amsterdam time whatever the browser time zone', () => {
    const t = new Date('2026-07-01T17:30:00Z');
    expect(amsterdamDate(t)).to.equal('2026-07-01');
    expect(amsterdamClock(t)).to.equal('19:30');
    expect(formatTime('nl', t)).to.equal('19.30');
    expect(formatDateTime('nl', t)).to.equal('woensdag 1 juli 2026, 19.30 uur');
    expect(formatDateTime('en', t)).to.equal('Wednesday, 1 July 2026, 19:30');
  });
});

describe('when a session is, in words (issue 23)', () => {
  const timing = (start: string, end?: string) => sessionTiming({ id: 'x', title: 'X', type: 'other', start, ...(end && { end }) } as Session);
  it('a session over two days says both days, in both languages', () => {
    const t = timing('2026-05-27T08:30', '2026-05-28T17:30');
    expect(spansDays(t)).to.equal(true);
    expect(sessionWhenText(t, 'nl')).to.equal('woensdag 27 mei 2026, 08.30 uur – donderdag 28 mei 2026, 17.30 uur');
    expect(sessionWhenText(t, 'en')).to.equal(`${formatDateTime('en', new Date('2026-05-27T06:30:00Z'))} – ${formatDateTime('en', new Date('2026-05-28T15:30:00Z'))}`);
    expect(sessionDaysText(t, 'nl')).to.equal('woensdag 27 mei 2026 – donderdag 28 mei 2026');
  });
  it('a session within one Amsterdam day says its start, as before; also one that ends at 00:30 UTC of the next day', () => {
    const t = timing('2026-05-27T19:30', '2026-05-27T23:30');
    expect(spansDays(t)).to.equal(false);
    expect(sessionWhenText(t, 'nl')).to.equal(formatDateTime('nl', t.kind === 'exact' ? t.start : new Date()));
    expect(sessionDaysText(t, 'nl')).to.equal('woensdag 27 mei 2026');
  });
});
