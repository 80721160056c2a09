import { expect } from '@esm-bundle/chai';
import fc from 'fast-check';
import { isSafeUrl, isDocumentUrl, safeUrl, mailtoUrl, parseNetwork } from '../../src/core/index.js';
import { seedJson } from '../helpers/seeds.js';

/** What the browser itself makes of a value as a link's href on this page. */
function browserScheme(value: string): string {
  const a = document.createElement('a');
  a.setAttribute('href', value);
  return a.protocol;
}

const SCRIPT_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'JAVASCRIPT:alert(1)',
  ' javascript:alert(1)',
  '\u0001javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\rscript:alert(1)',
  'javascript\t:alert(1)',
  'javascript:alert(1) ',
  '\u00a0javascript:alert(1)',
  '\ufeffjavascript:alert(1)',
  'java\u200bscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'blob:https://example.org/1b2c',
  'file:///etc/passwd',
  'javascript%3Aalert(1)',
  'javascript&#58;alert(1)',
  'javascript&#x3A;alert(1)',
  'javascript&colon;alert(1)',
  'java%0ascript:alert(1)',
  '1javascript:alert(1)',
  '/\\evil.example',
  '\\\\evil.example',
  'http:evil.example',
  'https:///path',
  'https://',
  '//',
  '///evil.example',
  '//@',
];

describe('isSafeUrl', () => {
  it('accepts absolute http(s) URLs, in any case', () => {
    for (const url of ['https://www.gemeente.nl/agenda', 'http://localhost:8000/api', 'HTTPS://EXAMPLE.ORG', 'https://user@example.org/a?b=c#d', 'https://example.org?x=javascript:1']) {
      expect(isSafeUrl(url), url).to.equal(true);
      expect(isSafeUrl(url, { relative: false }), url).to.equal(true);
    }
  });

  it('accepts relative references and fragments, but not when relative URLs are off', () => {
    for (const url of ['', '#aanmelden', '/sessies/{id}', 'aanmelden.html', '../a/b', '?id=1', '/pad/met:dubbelepunt', '#sessie:1', '//cdn.example.org/x']) {
      expect(isSafeUrl(url), JSON.stringify(url)).to.equal(true);
      expect(isSafeUrl(url, { relative: false }), JSON.stringify(url)).to.equal(false);
    }
  });

  it('refuses script and data URLs and every disguise of them', () => {
    for (const url of SCRIPT_URLS) {
      expect(isSafeUrl(url), JSON.stringify(url)).to.equal(false);
      expect(safeUrl(url), JSON.stringify(url)).to.equal(undefined);
    }
  });

  it('refuses whatever is not a string', () => {
    for (const value of [undefined, null, 1, {}, ['https://example.org'], { toString: () => 'https://example.org' }]) expect(isSafeUrl(value)).to.equal(false);
  });

  it('takes no mailto from data; mailtoUrl builds one to a single plain address', () => {
    expect(isSafeUrl('mailto:leerkring@example.org')).to.equal(false);
    expect(mailtoUrl('leerkring@example.org')).to.equal('mailto:leerkring@example.org');
    for (const address of ['a@example.org?bcc=b@example.org', 'a@example.org&cc=b@example.org', 'a@example.org,b@example.org', 'a b@example.org', 'javascript:alert(1)//@example.org', 'a\\b@example.org', 'geen-adres', undefined, 1]) {
      expect(mailtoUrl(address), String(address)).to.equal(undefined);
    }
  });

  it('never accepts what the browser would open with another scheme than http(s) (property)', () => {
    // Any string the predicate lets through, put in an href, is http(s) or this page's own
    // scheme (a relative reference), or no URL at all (":", an inert link): never javascript:,
    // data: or anything else.
    const pieces = fc.constantFrom('javascript', 'JaVa', 'script', 'data', ':', '\t', '\n', ' ', '\u0000', '%3a', '&#58;', '/', '\\', '#', '?', 'http', 'https', '//', 'a', '.', '@');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 3 })), { maxLength: 8 }), (parts) => {
        const url = parts.join('');
        if (!isSafeUrl(url)) return true;
        return ['http:', 'https:', ':'].includes(browserScheme(url));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the schema uses the same rule for document URLs', () => {
  const withUrl = async (url: string) => {
    const doc = structuredClone(await seedJson('twentse-noabers')) as any;
    doc.registration = { ...doc.registration, mode: 'external', url };
    return parseNetwork(doc);
  };

  it('keeps the "url" problem for what the pattern already refused', async () => {
    const r = await withUrl('javascript:alert(1)');
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.problems.map((p) => [p.path, p.code])).to.deep.equal([['registration.url', 'url']]);
  });

  it('refuses URLs that look like http(s) to a pattern but hide something (one problem, key "url")', async () => {
    for (const url of ['https:///pad', 'https://exa\u200bmple.org', 'https://example.org/\u0000', 'https://example.org\\@evil.example']) {
      const r = await withUrl(url);
      expect(r.ok, JSON.stringify(url)).to.equal(false);
      if (!r.ok) expect(r.problems.map((p) => [p.path, p.code])).to.deep.equal([['registration.url', 'url']]);
    }
  });

  it('still accepts an ordinary web address', async () => {
    expect((await withUrl('https://www.example.org/aanmelden')).ok).to.equal(true);
  });

  it('isDocumentUrl, which the console asks, answers as the schema does for every address', async () => {
    const urls = [
      'https://www.example.org/aanmelden', 'http://www.example.org/verslag.pdf', 'HTTPS://WWW.EXAMPLE.ORG/', 'javascript:alert(1)', 'verslag.pdf',
      '/verslag.pdf', '//www.example.org/x', 'https:///pad', 'https://exa\u200bmple.org', 'https://example.org/ x', 'ftp://example.org/x', '',
    ];
    for (const url of urls) expect(isDocumentUrl(url), JSON.stringify(url)).to.equal((await withUrl(url)).ok);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.webUrl(), fc.string()), async (url) => isDocumentUrl(url) === (await withUrl(url)).ok),
      { numRuns: 300 },
    );
  });
});
