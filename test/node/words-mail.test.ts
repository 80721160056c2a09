// The e-mail keeps the promise the screen made (issue 12, item 11): "binnen 10 werkdagen" after
// an intake registration, in days or working days as the network's document says, in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeMail } from '../../src/server/mail/compose.js';
import { formMessages, parseNetwork, type Network } from '../../src/core/index.js';
import { seedNetwork } from './helpers.js';

const participant = { name: 'Sam de Vries', email: 'sam@example.org' };

function calendarDays(): Network {
  const doc = JSON.parse(JSON.stringify(seedNetwork('aardgasvrij-leerkring')));
  doc.registration.approval.workingDays = false;
  const r = parseNetwork(doc);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.value;
}

test('the pending e-mail promises contact within the days the screen promised', () => {
  const network = seedNetwork('aardgasvrij-leerkring');
  const screen = formMessages('nl').signup.pendingWho('Femke Jansen (demo)', network.registration.approval);
  assert.equal(screen, 'Femke Jansen (demo) neemt contact met je op binnen 10 werkdagen.');
  const nl = composeMail('pending', { network, participant, locale: 'nl' }).text;
  // The same sentence; in the e-mail the name sits between Unicode isolates (issue 13).
  assert.ok(nl.includes(formMessages('nl').signup.pendingWho('\u2068Femke Jansen (demo)\u2069', network.registration.approval)), nl);
  const en = composeMail('pending', { network, participant, locale: 'en' }).text;
  assert.ok(en.includes('\u2068Femke Jansen (demo)\u2069 will contact you within 10 working days.'), en);
});

test('a document that counts calendar days says days, on screen and in the e-mail', () => {
  const network = calendarDays();
  assert.equal(formMessages('nl').signup.pendingWho('Femke', network.registration.approval), 'Femke neemt contact met je op binnen 10 dagen.');
  assert.equal(formMessages('en').signup.pendingWho('Femke', network.registration.approval), 'Femke will contact you within 10 days.');
  assert.match(composeMail('pending', { network, participant, locale: 'nl' }).text, /neemt contact met je op binnen 10 dagen\./);
  assert.match(composeMail('pending', { network, participant, locale: 'en' }).text, /will contact you within 10 days\./);
});

test('one day is said in the singular', () => {
  assert.equal(formMessages('nl').signup.pendingWho('Femke', { required: true, contactWithinDays: 1 }), 'Femke neemt contact met je op binnen 1 werkdag.');
  assert.equal(formMessages('en').signup.pendingWho('Femke', { required: true, contactWithinDays: 1, workingDays: false }), 'Femke will contact you within 1 day.');
});
