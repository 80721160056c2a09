// Issue 23 (m23c), item 2: "members free, others need a code" without listing every other
// organisation type (`invitation.allExcept`), and a code that admits to one session only
// (`invitation.codes[].sessions`). Decided by core (policy.ts `invitationTypes`,
// invitation-codes.ts `codeAdmits`), enforced by the server on both databases.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, network, person, BACKENDS, type TestServer } from './helpers.js';
import { parseNetwork } from '../../src/core/index.js';

const hash = (code: string) => `sha256:${createHash('sha256').update(code).digest('hex')}`;
const doc = {
  id: 'leden',
  title: 'Leerkring voor leden',
  sessions: [
    { id: 'een', title: 'Eerste', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T16:00' },
    { id: 'excursie', title: 'Excursie', type: 'other', start: '2030-06-01T10:00', end: '2030-06-01T16:00' },
  ],
  registration: {
    mode: 'built-in',
    scope: 'session',
    fields: { organisation: 'optional', organisationType: 'required' },
    invitation: {
      allExcept: ['municipality'],
      explanation: 'Gemeenten (leden) doen gratis mee; anderen hebben een code nodig.',
      codes: [
        { hash: hash('ALLEEN-EXCURSIE'), label: 'gasten excursie', sessions: ['excursie'] },
        { hash: hash('OVERAL'), label: 'partners' },
      ],
    },
  },
};
const leden = network(doc);

test('the validator refuses an invitation that says both or neither who needs a code, and a code for an unknown session', () => {
  const both = JSON.parse(JSON.stringify(doc));
  both.registration.invitation.organisationTypes = ['province'];
  both.registration.invitation.codes[0].sessions = ['geen-sessie'];
  const r = parseNetwork(both);
  assert.equal(r.ok, false);
  const problems = r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.code}`);
  assert.ok(problems.includes('registration.invitation: invitation-who'), problems.join('\n'));
  assert.ok(problems.includes('registration.invitation.codes[0].sessions[0]: code-unknown-session'), problems.join('\n'));
  const neither = JSON.parse(JSON.stringify(doc));
  delete neither.registration.invitation.allExcept;
  const n = parseNetwork(neither);
  assert.ok(!n.ok && n.problems.some((p) => p.code === 'invitation-who' && /organisationTypes/.test(p.message.nl)));
});

for (const backend of BACKENDS) {
  describe(`invitations on ${backend}`, () => {
    let s: TestServer;
    before(async () => {
      s = await startServer(backend, [leden]);
    });
    after(() => s.close());
    const register = (who: string, type: string, sessionId: string, invitationCode?: string) =>
      s.post('/api/networks/leden/registrations', { ...person(who, { organisationType: type }), sessionId, ...(invitationCode && { invitationCode }) });

    test('members register without a code; every other type needs one, though the document lists none of them', async () => {
      assert.equal((await register('lid', 'municipality', 'een')).status, 201);
      const province = await register('prov', 'province', 'een');
      assert.equal(province.status, 422, JSON.stringify(province.body));
      assert.equal(province.body.error.issues?.[0]?.path ?? province.body.error.code, 'invitationCode');
      const business = await register('bedrijf', 'business', 'een', 'OVERAL');
      assert.equal(business.status, 201, JSON.stringify(business.body));
    });

    test('a code limited to one session admits there and nowhere else', async () => {
      const there = await register('gast1', 'civil-society', 'excursie', 'ALLEEN-EXCURSIE');
      assert.equal(there.status, 201, JSON.stringify(there.body));
      const elsewhere = await register('gast2', 'civil-society', 'een', 'ALLEEN-EXCURSIE');
      assert.equal(elsewhere.status, 422, JSON.stringify(elsewhere.body));
      // Its own sentence (core decides): the code is right, but for another meeting.
      assert.equal(elsewhere.body.error.code, 'invitation-other-session', JSON.stringify(elsewhere.body));
      assert.match(JSON.stringify(elsewhere.body), /Deze code geldt voor een andere bijeenkomst/);
      assert.equal(elsewhere.body.error.issues?.[0]?.path ?? 'invitationCode', 'invitationCode');
      const wrong = await register('gast3', 'civil-society', 'een', 'VERZONNEN');
      assert.equal(wrong.body.error.code, 'invitation-invalid', JSON.stringify(wrong.body));
    });
  });
}
