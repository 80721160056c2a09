// Shapes a network document can write but the model cannot hold (issue 23): refused by the
// validator with a sentence at the field, never silently ignored.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetwork } from '../../src/core/index.js';

const doc = (registration: Record<string, unknown>, sessions: Record<string, unknown>[]) => ({
  id: 'vorm',
  kind: 'learning-network',
  title: 'Vorm',
  summary: 'Voor tests.',
  organisers: [{ name: 'Provincie Voorbeeld' }],
  sessions: sessions.map((s, i) => ({ id: `s${i}`, title: `Bijeenkomst ${i + 1}`, type: 'plenary', start: `2030-0${i + 4}-01T13:00`, end: `2030-0${i + 4}-01T17:00`, ...s })),
  registration: { mode: 'built-in', ...registration },
});

/** "path code" of every problem, and the English sentence of the first. */
function problems(d: unknown) {
  const r = parseNetwork(d);
  return r.ok ? { codes: [] as string[], sentence: '' } : { codes: r.problems.map((p) => `${p.path} ${p.code}`), sentence: r.problems[0]!.message.en };
}

describe('the validator refuses what the model cannot hold', () => {
  test("a session's own capacity inside a registration for the whole series is held now (places per session), but not 0", () => {
    assert.deepEqual(problems(doc({ capacity: 60 }, [{}, { capacity: 40 }])).codes, []);
    assert.deepEqual(problems(doc({ capacity: 60 }, [{}, { capacity: 0 }])).codes, ['sessions[1].capacity session-capacity-zero-in-series']);
    // Where people register per session, a session's capacity is what it says.
    assert.deepEqual(problems(doc({ scope: 'session' }, [{}, { capacity: 40 }])).codes, []);
  });

  test('optional sessions and choice groups only where the built-in form registers for the whole series', () => {
    const p = problems(doc({ scope: 'session' }, [{ optional: true }]));
    assert.deepEqual(p.codes, ['sessions[0].optional own-place-series-only']);
    assert.match(p.sentence, /^optional and chooseOne apply only to the built-in registration for the whole series/);
    assert.deepEqual(problems(doc({ mode: 'email' }, [{ optional: true }])).codes, ['sessions[0].optional own-place-series-only', 'contact.email email-without-contact']);
    assert.deepEqual(problems(doc({}, [{ optional: true }, { optional: false }])).codes, []);
  });

  test('a choice group: at least two sessions, none optional, each with a start and an end overlapping the first', () => {
    const same = { start: '2030-04-01T13:00', end: '2030-04-01T15:00', chooseOne: 'middag' };
    assert.deepEqual(problems(doc({}, [same, same])).codes, []);
    assert.deepEqual(problems(doc({}, [same, {}])).codes, ['sessions[0].chooseOne choose-one-alone']);
    assert.deepEqual(problems(doc({}, [same, { ...same, optional: true }])).codes, ['sessions[1].optional choose-one-optional']);
    assert.deepEqual(problems(doc({}, [same, { ...same, start: '2030-04-01T15:00', end: '2030-04-01T16:00' }])).codes, ['sessions[1].chooseOne choose-one-not-parallel']);
    const undated = problems(doc({}, [same, { chooseOne: 'middag', start: undefined, end: undefined, date: '2030-04-01' }]));
    assert.deepEqual(undated.codes, ['sessions[1].chooseOne choose-one-not-parallel']);
    assert.match(undated.sentence, /run at the same time: give this session a start and an end that overlap the first of the group/);
  });

  test('capacity 0 and no waiting list, where people register per session', () => {
    assert.deepEqual(problems(doc({ scope: 'session' }, [{ capacity: 0 }])).codes, ['sessions[0].capacity capacity-zero-no-waitlist']);
    assert.deepEqual(problems(doc({ scope: 'session', waitlist: { enabled: true } }, [{ capacity: 0 }])).codes, []);
  });

  test('a limit per organisation while the form does not ask the organisation', () => {
    assert.deepEqual(problems(doc({ maxPerOrganisation: 2, fields: { organisation: 'off' } }, [{}])).codes, ['registration.maxPerOrganisation max-per-organisation-field-off']);
    assert.deepEqual(problems(doc({ maxPerOrganisation: 2, fields: { organisation: 'required' } }, [{}])).codes, []);
  });

  test('a programme item outside the hours of its session', () => {
    const programme = [
      { time: '13:00', title: 'Welkom' },
      { time: '16:30', end: '17:30', title: 'Borrel' },
      { time: '12:00', title: 'Lunch' },
    ];
    assert.deepEqual(problems(doc({}, [{ programme }])).codes, ['sessions[0].programme[1].time programme-outside-session', 'sessions[0].programme[2].time programme-outside-session']);
    // A session over two days: clock times say nothing of their day.
    assert.deepEqual(problems(doc({}, [{ end: '2030-04-02T17:00', programme }])).codes, []);
  });

  test('free cancellation until after the last session', () => {
    assert.deepEqual(problems(doc({ cancelUntil: '2030-06-01' }, [{}])).codes, ['registration.cancelUntil cancel-until-after-sessions']);
    assert.deepEqual(problems(doc({ cancelUntil: '2030-03-25' }, [{}])).codes, []);
  });
});
