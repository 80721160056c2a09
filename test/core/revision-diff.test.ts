import { expect } from '@esm-bundle/chai';
import { revisionDifferences, type Session } from '../../src/core/index.js';
import { makeNetwork } from '../helpers/fixtures.js';

const sessions: Session[] = [
  { id: 'een', title: 'Bijeenkomst 1', type: 'other', start: '2030-03-12T10:00', end: '2030-03-12T12:00', venue: { type: 'physical', name: 'Provinciehuis', city: 'Zwolle' } } as Session,
  { id: 'twee', title: 'Bijeenkomst 2', type: 'other', start: '2030-04-09T10:00', end: '2030-04-09T12:00' } as Session,
  { id: 'drie', title: 'Bijeenkomst 3', type: 'other' } as Session,
];
const base = makeNetwork({ capacity: 20 }, sessions);
const edit = (patch: Record<string, Partial<Session> | null>, extra: Parameters<typeof makeNetwork>[2] = {}, registration: Parameters<typeof makeNetwork>[0] = { capacity: 20 }) =>
  makeNetwork(
    registration,
    sessions.filter((s) => patch[s.id] !== null).map((s) => ({ ...s, ...(patch[s.id] ?? {}) }) as Session),
    extra,
  );

describe('a readable difference between two revisions (revisionDifferences)', () => {
  it('the same document: no sentences', () => {
    expect(revisionDifferences(base, makeNetwork({ capacity: 20 }, sessions))).to.deep.equal([]);
  });

  it('a session moved in place: its title, the old and the new date, in Dutch and in English', () => {
    const after = edit({ een: { start: '2030-03-19T10:00', end: '2030-03-19T12:00' } });
    const [nl] = revisionDifferences(base, after, 'nl');
    expect(nl).to.match(/^Bijeenkomst 1: datum .*12 maart.* → .*19 maart/);
    const [en] = revisionDifferences(base, after, 'en');
    expect(en).to.match(/^Bijeenkomst 1: date .*12 March.* → .*19 March/);
  });

  it('title, sessions added, removed, dated, no longer dated, another place, cancelled', () => {
    const after = makeNetwork(
      { capacity: 20 },
      [
        { ...sessions[0]!, venue: { type: 'physical', name: 'Stadhuis', city: 'Deventer' } } as Session,
        { id: 'drie', title: 'Bijeenkomst 3', type: 'other', start: '2030-05-14T13:00', end: '2030-05-14T15:00' } as Session,
        { id: 'vier', title: 'Slotbijeenkomst', type: 'other' } as Session,
      ],
      { title: 'Nieuwe titel' },
    );
    const lines = revisionDifferences(base, after, 'nl');
    expect(lines[0]).to.equal('Titel gewijzigd: „Testnetwerk” → „Nieuwe titel”');
    expect(lines).to.include('Bijeenkomst toegevoegd: „Slotbijeenkomst”');
    expect(lines).to.include('Bijeenkomst verwijderd: „Bijeenkomst 2”');
    expect(lines.some((l) => /^Bijeenkomst 3: datum bekend, .*14 mei/.test(l))).to.equal(true, lines.join('\n'));
    expect(lines.some((l) => /^Bijeenkomst 1: plek Provinciehuis, Zwolle → Stadhuis, Deventer$/.test(l))).to.equal(true, lines.join('\n'));
    const undated = revisionDifferences(base, edit({ twee: { start: undefined, end: undefined } }), 'nl');
    expect(undated).to.have.length(1);
    expect(undated[0]).to.match(/^Bijeenkomst 2: datum staat niet meer vast \(was .*9 april/);
    expect(revisionDifferences(base, edit({ twee: { status: 'cancelled', statusNote: 'Ziek' } }), 'en')).to.deep.equal(['Bijeenkomst 2: cancelled', 'Bijeenkomst 2: note (empty) → “Ziek”']);
  });

  it('a session renamed, and the registration rules: a value, and a part of them', () => {
    const after = edit({ een: { title: 'Aftrap' } }, {}, { capacity: 25, waitlist: { enabled: true } });
    expect(revisionDifferences(base, after, 'nl')).to.deep.equal([
      'Bijeenkomst „Bijeenkomst 1” heet nu „Aftrap”',
      'Aanmelden: aantal plaatsen 20 → 25',
      'Aanmelden: wachtlijst gewijzigd',
    ]);
    expect(revisionDifferences(base, after, 'en')).to.deep.equal(['Meeting “Bijeenkomst 1” is now called “Aftrap”', 'Registration: number of places 20 → 25', 'Registration: waiting list changed']);
  });

  it('never lists a change whose before and after read the same', () => {
    // No venue and a venue to be announced both read "Locatie volgt": nothing to tell.
    const tbd = revisionDifferences(base, edit({ twee: { venue: { type: 'to-be-announced' } } as Partial<Session> }), 'nl');
    expect(tbd).to.deep.equal([]);
    // Another join link reads the same ("Online (Zoom)") but is a change: said without an arrow.
    const online = (url: string) => ({ een: { venue: { type: 'online', platform: 'Zoom', joinUrl: url } } as Partial<Session> });
    expect(revisionDifferences(edit(online('https://zoom.example/1')), edit(online('https://zoom.example/2')), 'nl')).to.deep.equal(['Bijeenkomst 1: plek gewijzigd']);
    expect(revisionDifferences(edit(online('https://zoom.example/1')), edit(online('https://zoom.example/2')), 'en')).to.deep.equal(['Bijeenkomst 1: place changed']);
    // Only the end moved: the line shows the times, so before and after differ.
    const later = revisionDifferences(base, edit({ een: { end: '2030-03-12T13:00' } }), 'nl');
    expect(later).to.have.length(1);
    const [, from, to] = /^Bijeenkomst 1: datum (.*) → (.*)$/.exec(later[0]!) ?? [];
    expect(from, later[0]).to.not.equal(to);
    expect(to).to.match(/13/);
    for (const line of [...tbd, ...later]) expect(line).to.not.match(/(.+) → \1$/);
  });
});
