// Issue 24, "what organisers miss most" 3: feedback after a session. The organiser chooses 3–5
// questions (a default set until then), asks those recorded as attended (once each, through a real
// SMTP peer), each answers on a page the server serves by the token in the link (ids only),
// answers are summed up per session and exported without names, and erasing a person deletes
// their answers.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, startServer, network, person, smtpPeer, type TestServer } from './helpers.js';
import { createMailer, deliverOutbox } from '../../src/server/index.js';
import { feedbackToken } from '../../src/server/tokens.js';

const SECRET = Buffer.from('test-secret-test-secret-test-sec');
const reeks = network({
  id: 'evaluatie',
  title: 'Leerkring Warmtenet',
  kind: 'learning-network',
  sessions: [
    { id: 'een', title: 'Aftrap', type: 'other', start: '2030-03-05T10:00', end: '2030-03-05T12:00', venue: { type: 'online' } },
    { id: 'twee', title: 'Tweede ronde', type: 'other', start: '2030-04-09T10:00', end: '2030-04-09T12:00', venue: { type: 'online' } },
  ],
  registration: { mode: 'built-in', capacity: 20, fields: { organisation: 'optional', organisationType: 'off' } },
});

const QUESTIONS = [
  { id: 'waardering', type: 'scale', label: 'Welk cijfer geef je de bijeenkomst?' },
  { id: 'tempo', type: 'scale', label: 'Was het tempo goed?' },
  { id: 'tip', type: 'text', label: 'Wat is je tip voor ons?' },
];

async function form(s: TestServer, path: string, fields: Record<string, string>): Promise<{ status: number; location: string | null; text: string }> {
  const res = await fetch(s.url + path, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

const pathOf = (link: string) => new URL(link).pathname + new URL(link).search;

for (const backend of BACKENDS) {
  describe(`feedback after a session on ${backend}`, () => {
    let s: TestServer;
    let anna: { id: string; manageToken: string };
    let bert: { id: string; manageToken: string };
    let cor: { id: string; manageToken: string };
    const links = new Map<string, string>();
    before(async () => {
      s = await startServer(backend, [reeks], { publicUrl: 'https://aanmelden.example.org' });
      anna = (await s.post('/api/networks/evaluatie/registrations', person('Anna', { name: 'Anna Evaluatie' }))).body;
      bert = (await s.post('/api/networks/evaluatie/registrations', person('Bert', { name: 'Bert Evaluatie' }))).body;
      cor = (await s.post('/api/networks/evaluatie/registrations', person('Cor', { name: 'Cor Afwezig' }))).body;
      for (const r of [anna, bert]) assert.equal((await s.admin('PUT', `/api/admin/registrations/${r.id}/attendance`, { sessionId: 'een', present: true })).status, 200);
    });
    after(() => s.close());

    test('until the organisers choose, the default questions; 3 to 5 of their own are kept, and a wrong set gets a sentence', async () => {
      const start = await s.admin('GET', '/api/admin/networks/evaluatie/feedback');
      assert.equal(start.status, 200, start.text);
      assert.equal(start.body.custom, false);
      assert.equal(start.body.questions.length, 5);
      assert.equal(start.body.questions[0].label, 'Hoe waardeer je deze bijeenkomst in het geheel?');
      assert.deepEqual(start.body.sessions.map((x: any) => [x.sessionId, x.attended, x.asked, x.answered]), [['een', 2, 0, 0]]);
      const two = await s.admin('PUT', '/api/admin/networks/evaluatie/feedback/questions', { questions: QUESTIONS.slice(0, 2) });
      assert.equal(two.status, 422);
      const twice = await s.admin('PUT', '/api/admin/networks/evaluatie/feedback/questions', { questions: [...QUESTIONS, { ...QUESTIONS[0] }] });
      assert.equal(twice.status, 422);
      const ok = await s.admin('PUT', '/api/admin/networks/evaluatie/feedback/questions', { questions: QUESTIONS });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.custom, true);
      assert.deepEqual(ok.body.questions, QUESTIONS);
    });

    test('"Vraag om feedback" e-mails those who came, once each, with a link that names nobody', async () => {
      const smtp = await smtpPeer();
      try {
        const r = await s.admin('POST', '/api/admin/networks/evaluatie/sessions/een/feedback-request', {});
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(r.body, { recipients: 2, alreadyAsked: 0, sent: 2 });
        const again = await s.admin('POST', '/api/admin/networks/evaluatie/sessions/een/feedback-request', {});
        assert.deepEqual(again.body, { recipients: 2, alreadyAsked: 2, sent: 0 });
        assert.equal((await s.admin('POST', '/api/admin/networks/evaluatie/sessions/nee/feedback-request', {})).status, 404);
        await deliverOutbox(s.db, createMailer({ smtpUrl: smtp.url, outboxDir: '/nonexistent', from: 'leerkring <noreply@example.org>' }));
        const asked = smtp.received.filter((m) => m.subject === 'Hoe was het? Aftrap (Leerkring Warmtenet)');
        assert.deepEqual(asked.map((m) => (m.to && !Array.isArray(m.to) ? m.to.value[0]!.address : '')).sort(), ['deelnemerAnna@example.org', 'deelnemerBert@example.org']);
        for (const m of asked) {
          const link = /https:\/\/aanmelden\.example\.org\/feedback\/\S+/.exec(m.text!)![0];
          assert.doesNotMatch(link, /@|Anna|Bert|Evaluatie/i, 'no personal data in the link');
          assert.equal(m.replyTo?.value[0]?.address, 'organisator@example.org');
          links.set(m.to && !Array.isArray(m.to) ? m.to.value[0]!.address! : '', link);
        }
        assert.equal(smtp.received.filter((m) => m.subject?.startsWith('Hoe was het?')).length, 2, 'nobody twice, Cor (absent) not at all');
      } finally {
        await smtp.close();
      }
    });

    test('the evaluation page: the questions in a form; wrong and empty answers get sentences at their fields; answers are stored', async () => {
      const path = pathOf(links.get('deelnemerAnna@example.org')!);
      const page = await s.request('GET', path);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type')!, /text\/html/);
      assert.match(page.headers.get('content-security-policy')!, /form-action 'self'/);
      assert.match(page.text, /<html lang="nl">/);
      assert.match(page.text, /<legend>Welk cijfer geef je de bijeenkomst\?/);
      assert.match(page.text, /<label for="q-waardering-5">5 \(uitstekend\)<\/label>/);
      assert.match(page.text, /<label class="question" for="q-tip">Wat is je tip voor ons\?/);
      assert.doesNotMatch(page.text, /<script/);
      const empty = await form(s, path, {});
      assert.equal(empty.status, 422);
      assert.match(empty.text, /role="alert"[\s\S]*<a href="#q-waardering-1">Beantwoord minstens één vraag\.<\/a>/);
      const wrong = await form(s, path, { waardering: '7', tip: 'Meer pauze <b>graag</b>' });
      assert.equal(wrong.status, 422);
      assert.match(wrong.text, /<p class="error" id="q-waardering-error">Kies een cijfer van 1 tot 5\.<\/p>/);
      assert.match(wrong.text, /Meer pauze &lt;b&gt;graag&lt;\/b&gt;<\/textarea>/, 'what was typed is kept, escaped');
      const sent = await form(s, path, { waardering: '4', tempo: '3', tip: 'Meer pauze graag' });
      assert.equal(sent.status, 303);
      const thanks = await s.request('GET', pathOf(`https://x${sent.location}`));
      assert.match(thanks.text, /Bedankt voor je antwoorden/);
      assert.match(thanks.text, /<input type="radio" id="q-waardering-4" name="waardering" value="4" checked \/>/);
      assert.equal((await form(s, pathOf(links.get('deelnemerBert@example.org')!), { waardering: '5', tip: 'Top' })).status, 303);
      const en = await s.request('GET', `${path}?lang=en`);
      assert.match(en.text, /<html lang="en">[\s\S]*How was the session\?/);
    });

    test('per session in the console\'s API: averages and texts; the CSV has a line per form and no names', async () => {
      const o = await s.admin('GET', '/api/admin/networks/evaluatie/feedback');
      const een = o.body.sessions.find((x: any) => x.sessionId === 'een');
      assert.deepEqual([een.attended, een.asked, een.answered], [2, 2, 2]);
      assert.deepEqual(een.summary[0], { question: QUESTIONS[0], count: 2, counts: [0, 0, 0, 1, 1], average: 4.5 });
      assert.equal(een.summary[1].average, 3);
      assert.deepEqual(een.summary[2].texts, ['Meer pauze graag', 'Top']);
      const csv = await s.admin('GET', '/api/admin/networks/evaluatie/feedback.csv');
      assert.equal(csv.status, 200);
      const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
      assert.equal(lines[0], '"Bijeenkomst";"Datum";"Ingevuld op";"Welk cijfer geef je de bijeenkomst?";"Was het tempo goed?";"Wat is je tip voor ons?"');
      assert.equal(lines.length, 3);
      assert.match(lines[1]!, /^"Aftrap";"dinsdag 5 maart 2030";"[^"]+";"4";"3";"Meer pauze graag"$/);
      assert.doesNotMatch(csv.text, /Anna|Bert|example\.org/);
    });

    test('a link for someone not recorded as attended, or altered, leads nowhere', async () => {
      assert.equal((await s.request('GET', `/feedback/${feedbackToken(SECRET, cor.id, 'een')}`)).status, 404);
      const path = pathOf(links.get('deelnemerBert@example.org')!);
      const altered = path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
      const r = await s.request('GET', altered);
      assert.equal(r.status, 404);
      assert.match(r.text, /Deze link werkt niet \(meer\)/);
    });

    test('erasing a person deletes their answers (not kept anonymous: open answers can name them)', async () => {
      assert.equal((await s.post(`/api/registrations/${anna.manageToken}/erase`, {})).status, 200);
      const o = await s.admin('GET', '/api/admin/networks/evaluatie/feedback');
      const een = o.body.sessions.find((x: any) => x.sessionId === 'een');
      assert.equal(een.answered, 1);
      assert.deepEqual(een.summary[2].texts, ['Top']);
      const { rows } = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback_answers WHERE registration_id = $1', [anna.id]);
      assert.equal(rows[0]!.n, 0);
      assert.equal((await s.request('GET', pathOf(links.get('deelnemerAnna@example.org')!))).status, 404);
    });
  });
}
