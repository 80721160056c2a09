import { test } from 'node:test';
import assert from 'node:assert/strict';
import { network, startServer } from './helpers.js';
import { pageHtml } from '../../src/server/http/page-shell.js';

test('the shell escapes what it is given and keeps lang, viewport, robots and the module script', () => {
  const html = pageHtml({ title: 'A <b> & "c"', stylesheet: '/x.css', script: '/x.js?a="b"', body: '<p>hi</p>', lang: 'en' });
  assert.match(html, /^<!doctype html>\n<html lang="en">/);
  assert.match(html, /<title>A &lt;b&gt; &amp; "c"<\/title>/);
  assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1" \/>/);
  assert.match(html, /<meta name="robots" content="noindex" \/>/);
  assert.match(html, /<script type="module" src="\/x\.js\?a=&quot;b&quot;"><\/script>/);
  assert.match(html, /<body>\n<p>hi<\/p>\n  <\/body>/);
});

test('/aanmelding and /beheer/ are the same shell with the same headers: only title, files and body differ', async () => {
  const s = await startServer('pglite', [network({})]);
  try {
    const pages = await Promise.all(['/aanmelding', '/beheer/'].map((p) => fetch(s.url + p)));
    const [manage, console_] = await Promise.all(pages.map((r) => r.text()));
    for (const r of pages) {
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.match(r.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'$/);
      assert.equal(r.headers.get('x-frame-options'), 'DENY');
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    }
    assert.equal(pages[0]!.headers.get('content-security-policy'), pages[1]!.headers.get('content-security-policy'));
    const shell = (html: string) => html.replace(/<title>.*<\/title>/, '').replace(/(href|src)="[^"]*"/g, '').replace(/<body>[\s\S]*<\/body>/, '');
    assert.equal(shell(manage!), shell(console_!));
    assert.match(manage!, /<leerkring-manage api="" heading-level="1"><\/leerkring-manage>/);
    assert.match(console_!, /<leerkring-console><\/leerkring-console>/);
  } finally {
    await s.close();
  }
});
