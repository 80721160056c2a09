import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BACKENDS, startServer, network, tempDir, formToken } from './helpers.js';
import { networkFolder, serveProcess } from './serve-process.js';

/** Collects the JSON lines a server logs. */
function logSink() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d));
  return {
    stream,
    text: () => text,
    lines: () => text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>),
  };
}

const personal = { name: 'Jantje Geheimnaam', email: 'jantje.geheim@example.org', organisation: 'Stichting Verborgen Vereniging' };
const body = { participant: personal };

describe('5xx errors are logged with the request id, without personal data', () => {
  for (const backend of BACKENDS) {
    test(`a failing statement (${backend}): one error line with the request id and the error's codes; the caller gets the id`, async () => {
      const log = logSink();
      const s = await startServer(backend, [network({})], { logger: { stream: log.stream } });
      try {
        // PostgreSQL puts the whole failing row, personal data and all, in the error's detail.
        await s.db.query('ALTER TABLE registrations ADD CONSTRAINT test_refuse_all CHECK (false) NOT VALID');
        const res = await fetch(`${s.url}/api/networks/test/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, formToken: await formToken(s.url, 'test') }) });
        assert.equal(res.status, 500);
        const answer = await res.json();
        assert.equal(answer.error.code, 'internal');
        const id = answer.error.requestId;
        assert.match(id, /^[0-9a-f-]{36}$/);
        assert.equal(res.headers.get('x-request-id'), id);
        assert.doesNotMatch(JSON.stringify(answer), /test_refuse_all|23514|constraint/);

        const failures = log.lines().filter((l) => l.level >= 50);
        assert.equal(failures.length, 1, log.text());
        const line = failures[0]!;
        assert.equal(line.reqId, id);
        assert.equal(line.status, 500);
        assert.equal(line.route, '/api/networks/:networkId/registrations');
        assert.equal(line.error.code, '23514');
        assert.equal(line.error.constraint, 'test_refuse_all');
        assert.match(line.error.stack, /^at /);
        // Nothing a person typed, and no message or detail that could quote it.
        for (const value of Object.values(personal)) assert.ok(!log.text().includes(value), `"${value}" is in the log`);
        assert.ok(!log.text().includes('Failing row'), 'the error detail is in the log');
        assert.ok(!log.text().includes('violates check constraint'), 'the error message is in the log');
      } finally {
        await s.close();
      }
    });
  }

  test('a request id from a proxy is kept; one that does not look like an id is replaced', async () => {
    const log = logSink();
    const s = await startServer('pglite', [network({})], { logger: { stream: log.stream } });
    try {
      await s.db.query('ALTER TABLE registrations ADD CONSTRAINT test_refuse_all CHECK (false) NOT VALID');
      const send = async (id: string) =>
        fetch(`${s.url}/api/networks/test/registrations`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': id }, body: JSON.stringify({ ...body, formToken: await formToken(s.url, 'test') }) }).then((r) => r.json());
      assert.equal((await send('proxy-abc-123456')).error.requestId, 'proxy-abc-123456');
      const replaced = (await send('jantje.geheim@example.org')).error.requestId;
      assert.match(replaced, /^[0-9a-f-]{36}$/);
      assert.ok(!log.text().includes('jantje'));
    } finally {
      await s.close();
    }
  });

  test('a database that is gone (postgres): 503 with Retry-After, logged with the cause', async () => {
    const log = logSink();
    const s = await startServer('postgres', [network({})], { logger: { stream: log.stream } });
    await s.db.close();
    try {
      const res = await fetch(`${s.url}/api/networks/test/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, formToken: await formToken(s.url, 'test') }) });
      assert.equal(res.status, 503);
      assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
      const answer = await res.json();
      assert.equal(answer.error.code, 'unavailable');
      const line = log.lines().find((l) => l.reqId === answer.error.requestId && l.level >= 50);
      assert.ok(line, log.text());
      assert.equal(line.status, 503);
      assert.equal(line.error.type, 'DatabaseUnavailableError');
      assert.equal(line.error.cause.type, 'Error');
      for (const value of Object.values(personal)) assert.ok(!log.text().includes(value));
    } finally {
      await s.close().catch(() => {});
    }
  });
});

describe('the organiser token', () => {
  test('is not printed when stdout is not a terminal, but written to a file only its user may read', async () => {
    const dataDir = join(tempDir(), 'data');
    const server = await serveProcess(networkFolder([network({})]), { LEERKRING_ADMIN_TOKEN: undefined, LEERKRING_DATA: dataDir });
    try {
      const file = join(dataDir, 'organiser-token');
      assert.match(server.output(), new RegExp(`Organiser token written to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
      const token = readFileSync(file, 'utf8').trim();
      assert.match(token, /^[A-Za-z0-9_-]{32}$/);
      assert.ok(!server.output().includes(token), 'the token is on stdout');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      // It is the token that works.
      const ok = await fetch(`${server.url}/api/admin/networks/test/registrations`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(ok.status, 200);
    } finally {
      await server.stop();
    }
  });
});
