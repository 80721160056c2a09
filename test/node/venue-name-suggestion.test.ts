// Issue 23 (validator): a "name" on a venue still to be announced is not a misspelt "note".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatProblem, parseNetwork, suggestKey } from '../../src/core/index.js';

test('no "note" suggestion for "name" on a to-be-announced venue; real typos still get one', () => {
  const r = parseNetwork({
    id: 'tba',
    kind: 'learning-network',
    title: 'Netwerk',
    summary: 'Samen leren.',
    organisers: [{ name: 'Gemeente Voorbeeld' }],
    sessions: [{ id: 'a', title: 'Start', type: 'kick-off', date: '2030-03-01', venue: { type: 'to-be-announced', name: 'Stadhuis' } }],
    registration: { mode: 'built-in' },
  });
  assert.ok(!r.ok);
  const text = formatProblem(r.problems[0]!, 'nl');
  assert.match(text, /onbekend veld "name"/);
  assert.doesNotMatch(text, /note/);
  assert.equal(suggestKey('nte', ['note', 'city']), 'note');
  assert.equal(suggestKey('sesions', ['sessions', 'title']), 'sessions');
});
