import { expect } from '@esm-bundle/chai';
import { availability, isSeriesOver, isSessionPast, NO_REGISTRATIONS, periodEnd, sessionOverAt, sessionsInOrder, type Network, type Session } from '../../src/core/index.js';

const s = (id: string, extra: Partial<Session> = {}): Session => ({ id, title: id, type: 'thematic', ...extra }) as Session;

describe('session order and time (issue 13)', () => {
  it('puts dated sessions in time order, whatever the file order', () => {
    const ordered = sessionsInOrder([s('feb28', { date: '2028-02-10' }), s('jun27', { start: '2027-06-01T10:00' }), s('jul27', { date: '2027-07-05' })]);
    expect(ordered.map((x) => x.id)).to.deep.equal(['jun27', 'jul27', 'feb28']);
  });

  it('puts an undated session after the dated ones it follows in the series', () => {
    const ordered = sessionsInOrder([
      s('kick-off', { date: '2027-09-01' }),
      s('late', { date: '2028-03-01' }),
      s('tbd-a'),
      s('middle', { date: '2027-11-01' }),
      s('tbd-b', { period: 'voorjaar 2028' }),
      s('tbd-first-of-two'),
    ]);
    // tbd-a follows the latest dated session before it in the file (March 2028), not the file's neighbour.
    expect(ordered.map((x) => x.id)).to.deep.equal(['kick-off', 'middle', 'late', 'tbd-a', 'tbd-b', 'tbd-first-of-two']);
  });

  it('reads when a period written by an editor is over, and is never sure without a year', () => {
    const end = (p: string) => periodEnd(p)?.toISOString();
    expect(end('voorjaar 2021')).to.equal('2021-06-30T22:00:00.000Z');
    expect(end('Najaar 2026')).to.equal('2026-12-31T23:00:00.000Z');
    expect(end('zomer 2027')).to.equal('2027-09-30T22:00:00.000Z');
    expect(end('winter 2026')).to.equal('2027-03-31T22:00:00.000Z');
    expect(end('maart 2027')).to.equal('2027-03-31T22:00:00.000Z');
    expect(end('september of oktober 2027')).to.equal('2027-10-31T23:00:00.000Z');
    expect(end('Q2 2027')).to.equal('2027-06-30T22:00:00.000Z');
    expect(end('2027')).to.equal('2027-12-31T23:00:00.000Z');
    expect(end('spring 2021')).to.equal('2021-06-30T22:00:00.000Z');
    expect(end('2026/2027')).to.equal('2027-12-31T23:00:00.000Z');
    expect(end('na de zomer')).to.equal(undefined);
    expect(end('binnenkort')).to.equal(undefined);
  });

  it('ends a session with a start but no end at the end of its Amsterdam day, also for a start saved in UTC', () => {
    // 23:30 UTC on 1 May is 01:30 on 2 May in Amsterdam: the session is over at the end of 2 May.
    expect(sessionOverAt(s('utc', { start: '2030-05-01T23:30:00Z' }))?.toISOString()).to.equal('2030-05-02T22:00:00.000Z');
    expect(sessionOverAt(s('local', { start: '2030-05-01T19:00' }))?.toISOString()).to.equal('2030-05-01T22:00:00.000Z');
    expect(isSessionPast(s('utc', { start: '2030-05-01T23:30:00Z' }), new Date('2030-05-02T12:00:00Z'))).to.equal(false);
  });

  it('counts an undated session whose period has passed as past, so the series can be over', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    expect(isSessionPast(s('a', { period: 'voorjaar 2020' }), now)).to.equal(true);
    expect(isSessionPast(s('b', { period: 'najaar 2026' }), now)).to.equal(false);
    expect(isSessionPast(s('c'), now)).to.equal(false);
    const network = {
      id: 'n',
      kind: 'learning-network',
      title: 'N',
      summary: 'N',
      organisers: [{ name: 'O' }],
      sessions: [s('x', { date: '2019-11-28' }), s('slot', { period: 'voorjaar 2021' })],
      registration: { mode: 'external', url: 'https://example.org/aanmelden' },
    } as unknown as Network;
    expect(isSeriesOver(network, now)).to.equal(true);
    expect(availability(network, NO_REGISTRATIONS, now).state).to.equal('closed');
  });
});
