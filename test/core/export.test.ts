import { expect } from '@esm-bundle/chai';
import { attendanceList, exportDateTime, exportFileName, exportReads, hasPlaceAt, registrationsTable, type ExportRegistration } from '../../src/core/index.js';
import { makeNetwork } from '../helpers/fixtures.js';

const reg = (id: string, extra: Partial<ExportRegistration> = {}): ExportRegistration => ({
  id,
  status: 'confirmed',
  participant: { name: `Deelnemer ${id}`, email: `${id}@example.org` },
  createdAt: '2026-11-23T13:05:00Z',
  answers: {},
  declarations: [],
  reason: null,
  attendance: {},
  ...extra,
});

const sessions = [
  { id: 'a', title: 'Eerste', type: 'kick-off' as const, start: '2030-03-12T19:30', end: '2030-03-12T21:30', venue: { type: 'physical' as const, name: 'Stadhuis', city: 'Zwolle' } },
  { id: 'b', title: 'Tweede', type: 'closing' as const, date: '2030-06-18' },
  { id: 'c', title: 'Derde', type: 'other' as const, period: 'najaar 2030' },
];

const column = (t: { header: string[]; rows: string[][] }, name: string, row = 0) => t.rows[row]![t.header.indexOf(name)];

describe('export', () => {
  describe('exportDateTime', () => {
    it('writes Amsterdam time as Dutch Excel reads it, across the CET/CEST switch', () => {
      expect(exportDateTime('2026-11-23T13:05:00Z')).to.equal('23-11-2026 14:05');
      expect(exportDateTime(new Date('2026-07-01T12:05:00Z'))).to.equal('01-07-2026 14:05');
      expect(exportDateTime('2026-03-29T00:59:00Z')).to.equal('29-03-2026 01:59');
      expect(exportDateTime('2026-03-29T01:00:00Z')).to.equal('29-03-2026 03:00');
      expect(exportDateTime('2026-10-25T00:30:00Z')).to.equal('25-10-2026 02:30');
      expect(exportDateTime('2026-10-25T01:30:00Z')).to.equal('25-10-2026 02:30');
      expect(exportDateTime('2026-12-31T23:30:00Z')).to.equal('01-01-2027 00:30');
    });

    it('dates the file name in Amsterdam', () => {
      expect(exportFileName('warmte', new Date('2026-11-23T23:30:00Z'))).to.equal('warmte-aanmeldingen-2026-11-24.csv');
    });
  });

  describe('registrationsTable', () => {
    it('default values: Dutch headers, one row per registration, no note column without notes', () => {
      const n = makeNetwork({}, sessions);
      const t = registrationsTable(n, [reg('x'), reg('y')], 'nl');
      expect(t.header.slice(0, 9)).to.deep.equal(['Naam', 'E-mail', 'Organisatie', 'Soort organisatie', 'Functie', 'Bijeenkomst', 'Datum bijeenkomst', 'Status', 'Plaats op wachtlijst']);
      expect(t.header).not.to.include('Notitie');
      expect(t.header).not.to.include('Telefoon', 'phone is off by default and nobody gave one');
      expect(t.rows).to.have.length(2);
      expect(t.rows.every((r) => r.length === t.header.length)).to.equal(true);
      expect(column(t, 'Bijeenkomst')).to.equal('Hele reeks');
      expect(column(t, 'Aangemeld op')).to.equal('23-11-2026 14:05');
      expect(column(t, 'Kenmerk')).to.equal('x');
    });

    it('adds the note column as soon as the data carries notes', () => {
      const n = makeNetwork({}, sessions);
      const t = registrationsTable(n, [reg('x', { note: 'Belt terug' }), reg('y', { note: null })], 'nl');
      expect(column(t, 'Notitie', 0)).to.equal('Belt terug');
      expect(column(t, 'Notitie', 1)).to.equal('');
      expect(registrationsTable(n, [reg('x', { note: 'Note' })], 'en').header).to.include('Note');
    });

    it('says statuses, organisation types, answers and declarations as organisers do', () => {
      const n = makeNetwork(
        {
          questions: [
            { id: 'eerder', label: 'Eerder mee gedaan?', type: 'yes-no' },
            { id: 'rol', label: 'Rol', type: 'choice', options: [{ value: 'trekker', label: 'Projecttrekker' }] },
            { id: 'uren', label: 'Uren per week', type: 'number' },
          ],
          declarations: [{ id: 'foto', text: "Foto's mogen", required: false }],
        },
        sessions,
      );
      const regs = [
        reg('x', { status: 'pending', participant: { name: 'A', email: 'a@example.org', organisationType: 'municipality' }, answers: { eerder: true, rol: 'trekker', uren: 3.5 }, declarations: ['foto'] }),
        reg('y', { status: 'waitlisted', position: 2, answers: { eerder: false } }),
      ];
      const nl = registrationsTable(n, regs, 'nl');
      expect([column(nl, 'Status', 0), column(nl, 'Status', 1)]).to.deep.equal(['Wacht op intake', 'Op de wachtlijst']);
      expect(column(nl, 'Soort organisatie')).to.equal('Gemeente');
      expect(column(nl, 'Plaats op wachtlijst', 1)).to.equal('2');
      expect([column(nl, 'Eerder mee gedaan?', 0), column(nl, 'Eerder mee gedaan?', 1)]).to.deep.equal(['ja', 'nee']);
      expect(column(nl, 'Rol')).to.equal('Projecttrekker');
      expect(column(nl, 'Uren per week')).to.equal('3,5', 'a decimal comma, or Dutch Excel reads text');
      expect([column(nl, "Foto's mogen", 0), column(nl, "Foto's mogen", 1)]).to.deep.equal(['ja', 'nee']);

      const en = registrationsTable(n, regs, 'en');
      expect(column(en, 'Status')).to.equal('Waiting for intake');
      expect(column(en, 'Type of organisation')).to.equal('Municipality');
      expect(column(en, 'Eerder mee gedaan?')).to.equal('yes');
      expect(column(en, 'Uren per week')).to.equal('3.5');
    });

    it('says which stored fields its rows read, so a server reads no more (issue 27)', () => {
      const plain = makeNetwork({}, sessions);
      expect(JSON.stringify(exportReads(plain))).to.equal('{"answers":false,"declarations":false,"cancellationFee":false}');
      // A row of such a network comes out whole without answers or declarations read.
      const bare = { ...reg('x'), answers: undefined, declarations: undefined } as unknown as ExportRegistration;
      expect(registrationsTable(plain, [bare], 'nl').rows[0]!.join('|')).to.equal(registrationsTable(plain, [reg('x')], 'nl').rows[0]!.join('|'));
      const asks = makeNetwork(
        { questions: [{ id: 'eerder', label: 'Eerder?', type: 'yes-no' }], declarations: [{ id: 'foto', text: 'Foto', required: false }], freeCancellationDaysBefore: 7 },
        sessions,
        { price: { type: 'amount', currency: 'EUR', amount: 95 } } as never,
      );
      expect(JSON.stringify(exportReads(asks))).to.equal('{"answers":true,"declarations":true,"cancellationFee":true}');
    });

    it('whole series: one attendance column per session, empty when not recorded', () => {
      const n = makeNetwork({}, sessions);
      const t = registrationsTable(n, [reg('x', { attendance: { a: true, b: false } })], 'nl');
      expect(t.header).to.include.members(['Aanwezig: Eerste', 'Aanwezig: Tweede', 'Aanwezig: Derde']);
      expect([column(t, 'Aanwezig: Eerste'), column(t, 'Aanwezig: Tweede'), column(t, 'Aanwezig: Derde')]).to.deep.equal(['ja', 'nee', '']);
    });

    it('per session: the session title and date, one attendance column', () => {
      const n = makeNetwork({ scope: 'session' }, sessions);
      const t = registrationsTable(n, [reg('x', { sessionId: 'a', attendance: { a: true } }), reg('y', { sessionId: 'b' }), reg('z', { sessionId: 'c' })], 'nl');
      expect(t.header).to.include('Aanwezig');
      expect(t.header).not.to.include('Aanwezig: Eerste');
      expect(t.rows.map((r) => [r[t.header.indexOf('Bijeenkomst')], r[t.header.indexOf('Datum bijeenkomst')], r[t.header.indexOf('Aanwezig')]])).to.deep.equal([
        ['Eerste', '12-03-2030', 'ja'],
        ['Tweede', '18-06-2030', ''],
        ['Derde', 'najaar 2030', ''],
      ]);
    });

    it('keeps a field column the form no longer asks for when someone filled it in', () => {
      const n = makeNetwork({ fields: { organisation: 'off', organisationType: 'off', role: 'off', phone: 'off' } }, sessions);
      expect(registrationsTable(n, [reg('x')], 'nl').header.slice(0, 3)).to.deep.equal(['Naam', 'E-mail', 'Bijeenkomst']);
      expect(registrationsTable(n, [reg('x', { participant: { name: 'A', email: 'a@example.org', phone: '06 1234 5678' } })], 'nl').header).to.include('Telefoon');
    });

    it('never mutates what it is given', () => {
      const n = makeNetwork({}, sessions);
      const regs = [reg('x', { attendance: { a: true } })];
      const before = JSON.stringify([n, regs]);
      registrationsTable(n, regs, 'nl');
      attendanceList(n, regs, 'a', 'nl');
      expect(JSON.stringify([n, regs])).to.equal(before);
    });
  });

  describe('attendanceList', () => {
    it('lists everyone with a place, by name, with the session, date, time and venue', () => {
      const n = makeNetwork({}, sessions);
      const regs = [
        reg('z', { participant: { name: 'Zeger', email: 'z@example.org', organisation: 'Gemeente Zwolle' } }),
        reg('e', { participant: { name: 'ëlla', email: 'e@example.org', organisationType: 'province' }, attendance: { a: true } }),
        reg('p', { status: 'pending', participant: { name: 'Piet', email: 'p@example.org' } }),
        reg('w', { status: 'waitlisted', participant: { name: 'Wim', email: 'w@example.org' } }),
        reg('c', { status: 'cancelled', participant: { name: 'Cor', email: 'c@example.org' } }),
      ];
      const list = attendanceList(n, regs, 'a', 'nl')!;
      expect(list.heading).to.equal('Aanwezigheidslijst');
      expect(list.networkTitle).to.equal('Testnetwerk');
      expect(list.session).to.deep.equal({ id: 'a', title: 'Eerste', date: 'dinsdag 12 maart 2030', time: '19:30–21:30', venue: 'Stadhuis, Zwolle' });
      expect(list.columns).to.deep.equal({ name: 'Naam', organisation: 'Organisatie', signature: 'Handtekening' });
      expect(list.people).to.deep.equal([
        { id: 'e', name: 'ëlla', organisation: 'Provincie', present: true },
        { id: 'z', name: 'Zeger', organisation: 'Gemeente Zwolle', present: false },
      ]);
      expect(list.count).to.equal('2 deelnemers');
    });

    it('per session: only the people registered for that session', () => {
      const n = makeNetwork({ scope: 'session' }, sessions);
      const regs = [reg('x', { sessionId: 'a' }), reg('y', { sessionId: 'b' })];
      expect(attendanceList(n, regs, 'b', 'en')!.people.map((p) => p.id)).to.deep.equal(['y']);
      expect(attendanceList(n, regs, 'b', 'en')!.count).to.equal('1 participant');
      expect(hasPlaceAt(n, regs[0]!, 'b')).to.equal(false);
      expect(hasPlaceAt(makeNetwork({}, sessions), regs[0]!, 'b')).to.equal(true, 'a whole-series place is a place at every session');
    });

    it('the venue in the words of the agenda (core venueText): one not known yet is to be announced, until the session is over', () => {
      const n = makeNetwork({}, sessions);
      const venue = (id: string, now: string) => attendanceList(n, [], id, 'nl', new Date(now))!.session.venue;
      expect([venue('a', '2030-01-01T12:00:00Z'), venue('b', '2030-01-01T12:00:00Z'), venue('c', '2030-01-01T12:00:00Z')].join(' | ')).to.equal('Stadhuis, Zwolle | Locatie volgt | Locatie volgt');
      expect([venue('a', '2031-06-01T12:00:00Z'), venue('b', '2031-06-01T12:00:00Z'), venue('c', '2031-06-01T12:00:00Z')].join(' | ')).to.equal('Stadhuis, Zwolle |  | ');
    });

    it('a session without a date shows its period; an unknown session gives nothing', () => {
      const n = makeNetwork({}, sessions);
      expect(attendanceList(n, [], 'c', 'nl')!.session).to.include({ date: 'najaar 2030', time: '' });
      expect(attendanceList(n, [], 'b', 'en')!.session).to.include({ date: 'Tuesday, 18 June 2030', time: '' });
      expect(attendanceList(n, [], 'nope', 'nl')).to.equal(undefined);
    });
  });
});
