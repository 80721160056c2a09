import { expect } from '@esm-bundle/chai';
import { sessionChanges, sessionTimeline, networkCalendar, type Network, type Session } from '../../src/core/index.js';
import { makeNetwork } from '../helpers/fixtures.js';

const base: Session[] = [
  { id: 'kickoff', title: 'Aftrap', type: 'other', start: '2030-03-01T10:00', end: '2030-03-01T12:00', venue: { type: 'physical', name: 'Provinciehuis', city: 'Zwolle' } } as Session,
  { id: 'tweede', title: 'Tweede', type: 'other' } as Session,
  { id: 'derde', title: 'Derde', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T12:00' } as Session,
];

const withSessions = (sessions: Session[]): Network => makeNetwork({}, sessions);
const edit = (id: string, patch: Partial<Session>) => base.map((s) => (s.id === id ? ({ ...s, ...patch } as Session) : s));

describe('what a new revision changes for registrants (sessionChanges)', () => {
  it('dating a to-be-determined session with a venue: dated and venue', () => {
    const after = withSessions(edit('tweede', { start: '2030-04-12T13:30', end: '2030-04-12T16:00', venue: { type: 'physical', name: 'Gemeentehuis', city: 'Deventer' } } as Partial<Session>));
    expect(sessionChanges(withSessions(base), after)).to.deep.equal([{ sessionId: 'tweede', kinds: ['dated', 'venue'] }]);
  });

  it('a time edited in place (no movedFrom) is a move; a new venue alone is a venue change', () => {
    expect(sessionChanges(withSessions(base), withSessions(edit('kickoff', { start: '2030-03-01T13:00', end: '2030-03-01T15:00' })))).to.deep.equal([{ sessionId: 'kickoff', kinds: ['moved'] }]);
    expect(sessionChanges(withSessions(base), withSessions(edit('kickoff', { venue: { type: 'physical', name: 'Stadhuis', city: 'Zwolle' } } as Partial<Session>)))).to.deep.equal([
      { sessionId: 'kickoff', kinds: ['venue'] },
    ]);
  });

  it('cancelling is only "cancelled"; a title or description edit is nothing', () => {
    expect(sessionChanges(withSessions(base), withSessions(edit('derde', { status: 'cancelled', statusNote: 'Te weinig aanmeldingen' } as Partial<Session>)))).to.deep.equal([
      { sessionId: 'derde', kinds: ['cancelled'] },
    ]);
    expect(sessionChanges(withSessions(base), withSessions(edit('derde', { title: 'Derde bijeenkomst', description: 'Nu met programma' } as Partial<Session>)))).to.deep.equal([]);
  });

  it('a session that appears with a date is "dated" (new, or back after a restore); without one, or cancelled, it is no change; a removed one is "removed", unless it was cancelled already', () => {
    const added = [...base, { id: 'vierde', title: 'Vierde', type: 'other', start: '2030-06-01T10:00' } as Session];
    expect(sessionChanges(withSessions(base), withSessions(added))).to.deep.equal([{ sessionId: 'vierde', kinds: ['dated'] }]);
    expect(sessionChanges(withSessions(base), withSessions([...base, { id: 'vijfde', title: 'Vijfde', type: 'other' } as Session]))).to.deep.equal([]);
    expect(sessionChanges(withSessions(base), withSessions([...base, { id: 'zesde', title: 'Zesde', type: 'other', start: '2030-06-01T10:00', status: 'cancelled' } as Session]))).to.deep.equal([]);
    expect(sessionChanges(withSessions(base), withSessions(base.slice(0, 2)))).to.deep.equal([{ sessionId: 'derde', kinds: ['removed'] }]);
    const cancelled = withSessions(edit('derde', { status: 'cancelled' } as Partial<Session>));
    expect(sessionChanges(cancelled, withSessions(base.slice(0, 2)))).to.deep.equal([]);
  });

  it('a dated session made undated again is "undated", not a move', () => {
    const { start: _s, end: _e, ...undated } = base[0] as Session & { start: string; end: string };
    expect(sessionChanges(withSessions(base), withSessions([undated as Session, base[1]!, base[2]!]))).to.deep.equal([{ sessionId: 'kickoff', kinds: ['undated'] }]);
  });
});

describe('SEQUENCE and DTSTAMP from the revision history (sessionTimeline)', () => {
  const t = (day: number) => new Date(Date.UTC(2030, 0, day));

  it('every change of time, place or status raises SEQUENCE, not only movedFrom entries', () => {
    const history = [
      { at: t(1), network: withSessions(base) },
      { at: t(2), network: withSessions(edit('kickoff', { title: 'Aftrap!' })) },
      { at: t(3), network: withSessions(edit('kickoff', { title: 'Aftrap!', start: '2030-03-01T13:00', end: '2030-03-01T15:00' })) },
      { at: t(4), network: withSessions(edit('kickoff', { title: 'Aftrap!', start: '2030-03-01T13:00', end: '2030-03-01T15:00', status: 'cancelled' } as Partial<Session>)) },
    ];
    const timeline = sessionTimeline(history);
    expect(timeline.kickoff).to.deep.equal({ sequence: 2, stamp: t(4) });
    expect(timeline.tweede).to.deep.equal({ sequence: 0, stamp: t(1) });
    const feed = networkCalendar(history[3]!.network, { timeline }).replace(/\r\n[ \t]/g, '');
    const kickoff = feed.split('BEGIN:VEVENT').find((e) => e.includes('UID:kickoff.'))!;
    expect(kickoff).to.contain('SEQUENCE:2');
    expect(kickoff).to.contain('DTSTAMP:20300104T000000Z');
    expect(kickoff).to.contain('STATUS:CANCELLED');
  });

  it('removing a session raises its SEQUENCE (its cancellation); bringing it back raises it again', () => {
    const timeline = sessionTimeline([
      { at: t(1), network: withSessions(base) },
      { at: t(2), network: withSessions(base.slice(0, 2)) },
    ]);
    expect(timeline.derde).to.deep.equal({ sequence: 1, stamp: t(2) });
    const back = sessionTimeline([
      { at: t(1), network: withSessions(base) },
      { at: t(2), network: withSessions(base.slice(0, 2)) },
      { at: t(3), network: withSessions(base.slice(0, 2)) },
      { at: t(4), network: withSessions(base) },
    ]);
    expect(back.derde).to.deep.equal({ sequence: 2, stamp: t(4) });
  });

  it('an imported document starts where its movedFrom entries left it, and only goes up', () => {
    const moved = edit('derde', { status: 'moved', movedFrom: ['2030-04-24T10:00'] } as Partial<Session>);
    const timeline = sessionTimeline([
      { at: t(1), network: withSessions(moved) },
      { at: t(2), network: withSessions(moved.map((s) => (s.id === 'derde' ? ({ ...s, start: '2030-05-02T10:00', end: '2030-05-02T12:00' } as Session) : s))) },
    ]);
    expect(timeline.derde!.sequence).to.equal(2);
  });
});
