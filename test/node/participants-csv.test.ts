// Issue 24, item 1: the rules for an organiser's own registrations and the CSV reader of an
// import, in core (no server): quotes and line breaks in cells, both separators, the export's
// formula guard, and what an organiser may decide that the public form may not.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readCsv, participantsFromCsv } from '../../src/core/participants-csv.js';
import { decideOrganiserRegistration } from '../../src/core/organiser-registration.js';
import { decideRegistration } from '../../src/core/index.js';
import { network } from './helpers.js';

const closed = network({
  id: 'dicht',
  sessions: [
    { id: 'oud', title: 'Oud', type: 'other', start: '2020-05-01T10:00', end: '2020-05-01T12:00', venue: { type: 'online' } },
    { id: 'nieuw', title: 'Nieuw', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T12:00', venue: { type: 'online' } },
    { id: 'weg', title: 'Weg', type: 'other', start: '2030-06-01T10:00', end: '2030-06-01T12:00', status: 'cancelled', venue: { type: 'online' } },
  ],
  registration: { mode: 'built-in', scope: 'session', capacity: 1, closes: '2026-01-01', approval: { required: true }, fields: { organisation: 'optional', organisationType: 'off' } },
});
const now = new Date('2026-12-06T12:00:00Z');
const empty = { counts: { confirmed: 0, pending: 0, waitlisted: 0 } };
const full = { counts: { confirmed: 1, pending: 0, waitlisted: 0 } };

describe('an organiser registers someone themselves (core)', () => {
  test('past the deadline and without intake, as the organiser decides; never for a past or cancelled session', () => {
    assert.equal(decideRegistration(closed, { sessionId: 'nieuw' }, empty, now).outcome, 'rejected', 'the public form is closed');
    assert.deepEqual(decideOrganiserRegistration(closed, { sessionId: 'nieuw' }, empty, now), { outcome: 'confirmed', reasons: [] });
    assert.deepEqual(decideOrganiserRegistration(closed, { sessionId: 'oud' }, empty, now).reasons, [{ code: 'past' }]);
    assert.deepEqual(decideOrganiserRegistration(closed, { sessionId: 'weg' }, empty, now).reasons, [{ code: 'session-cancelled' }]);
    assert.deepEqual(decideOrganiserRegistration(closed, {}, empty, now).reasons, [{ code: 'session-required' }]);
  });

  test('full: refused (no waiting list here) unless the organiser knowingly gives a place; the person rules still hold', () => {
    assert.deepEqual(decideOrganiserRegistration(closed, { sessionId: 'nieuw' }, full, now).reasons, [{ code: 'full' }]);
    assert.deepEqual(decideOrganiserRegistration(closed, { sessionId: 'nieuw' }, full, now, { overCapacity: true }), { outcome: 'confirmed', reasons: [], overCapacity: true });
    assert.deepEqual(decideOrganiserRegistration(closed, { sessionId: 'nieuw' }, { ...full, duplicate: true }, now, { overCapacity: true }).reasons, [{ code: 'duplicate' }]);
  });
});

describe('reading a participants list (CSV)', () => {
  test('quotes, doubled quotes and line breaks in a cell; commas or semicolons; a BOM', () => {
    assert.deepEqual(readCsv('\uFEFFNaam;Notitie\r\n"De Vries; Anna";"zegt ""hoi""\nen meer"\r\n'), [['Naam', 'Notitie'], ['De Vries; Anna', 'zegt "hoi"\nen meer']]);
    assert.deepEqual(readCsv('Name,E-mail\nBo,bo@example.org'), [['Name', 'E-mail'], ['Bo', 'bo@example.org']]);
  });

  test('columns by name in either language, the formula guard taken off, each problem at its line and column', () => {
    const n = network({ id: 'lijst', registration: { mode: 'built-in', fields: { organisation: 'optional', organisationType: 'off' }, questions: [{ id: 'lunch', label: 'Lunch?', type: 'yes-no' }] } });
    const read = participantsFromCsv(n, "Name;Email;Organisatie;Lunch?;Kleur\n\nAnna;anna@example.org;'=Gemeente;ja;blauw\nBo;bo@example.org;;soms;\n", 'nl');
    assert.deepEqual(read.fileProblems, []);
    assert.deepEqual(read.notices, ['De kolom „Kleur” kennen we niet. Die wordt overgeslagen.']);
    assert.deepEqual(read.rows[0]!.registration.participant, { name: 'Anna', email: 'anna@example.org', organisation: '=Gemeente' });
    assert.equal(read.rows[0]!.registration.answers.lunch, true);
    assert.equal(read.rows[1]!.line, 4, 'the blank line is counted: the line number is the file’s');
    assert.deepEqual(read.rows[1]!.problems, ['Regel 4, kolom „Lunch?”: Vul ja of nee in.']);
    assert.match(participantsFromCsv(n, 'Voornaam;Achternaam\nA;B\n', 'nl').fileProblems[0]!, /kolom „Naam” ontbreekt/);
  });
});
