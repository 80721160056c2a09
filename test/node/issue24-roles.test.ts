// Issue 24: a colleague added as organiser is told so by e-mail: by whom, which network, which
// role, where the console is (no sign-in token: they ask for a link there). Not when nothing changed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, startServer, network, deliverAll, signInAs } from './helpers.js';

const to = (m: { to?: unknown }) => ((m.to as { value: { address: string }[] }).value[0]!.address);

for (const backend of BACKENDS) {
  describe(`issue 24 role e-mails on ${backend}`, () => {
    test('PUT organisers e-mails the colleague who was added, once; nothing when the role stays', async () => {
      const s = await startServer(backend, [network({ id: 'noord', title: 'Leerkring Noord' })], { publicUrl: 'https://aanmelden.example.org' });
      try {
        const owner = await signInAs(s, 'eigenaar@example.org', { noord: 'owner' });
        await deliverAll(s.db); // the sign-in link
        const put = (body: unknown) => s.request('PUT', '/api/admin/networks/noord/organisers', { headers: owner.headers, body });
        assert.equal((await put({ email: 'collega@example.org', role: 'organiser', name: 'Collega' })).status, 200);
        const first = (await deliverAll(s.db)).filter((m) => to(m) === 'collega@example.org');
        assert.equal(first.length, 1, 'one e-mail to the colleague');
        const text = first[0]!.text!;
        assert.match(text, /Leerkring Noord/);
        assert.match(text, /eigenaar@example\.org|Eigenaar/i);
        assert.match(text, /organisator/);
        assert.ok(text.includes('https://aanmelden.example.org/beheer/'), text);
        assert.ok(!/#login=|token/i.test(text), 'no sign-in token in it');

        assert.equal((await put({ email: 'collega@example.org', role: 'organiser' })).status, 200);
        assert.equal((await deliverAll(s.db)).filter((m) => to(m) === 'collega@example.org').length, 0, 'same role: no e-mail');

        assert.equal((await put({ email: 'collega@example.org', role: 'owner' })).status, 200);
        const promoted = (await deliverAll(s.db)).filter((m) => to(m) === 'collega@example.org');
        assert.equal(promoted.length, 1);
        assert.match(promoted[0]!.text!, /eigenaar/);
      } finally {
        await s.close();
      }
    });
  });
}
