// React server-side rendering (issue 25, item 9): the README's way of writing the elements in JSX
// is rendered by react-dom/server, then hydrated by React in Chromium, and the network loads from
// the real server. A camelCase prop does not survive the server: React writes `networkid`.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { build } from 'esbuild';
import { serveInChromium, type ServedInChromium } from './browser.js';
import { seedNetwork } from './helpers.js';

const NETWORK = 'aardgasvrij-leerkring';

/** The page as a Next.js-like site would write it: the README's attributes. One function for the server and the browser. */
function App(props: { api: string; network: string; h: typeof createElement }): ReactElement {
  const h = props.h;
  return h('main', null, h('leerkring-network', { api: props.api, 'network-id': props.network }, h('leerkring-agenda', { show: 'all', 'heading-level': 2 })));
}

describe('React server-side rendering and hydration', () => {
  let s: ServedInChromium;
  let hydrate: string;
  before(async () => {
    s = await serveInChromium(new Map([[NETWORK, seedNetwork(NETWORK)]]), { secret: Buffer.alloc(32, 9), staticRoot: '.' });
    // React for the browser, bundled here from the installed packages, with the same App.
    const out = await build({
      stdin: {
        contents: `import { createElement } from 'react'; import { hydrateRoot } from 'react-dom/client';
          const App = ${App.toString()};
          window.__errors = [];
          hydrateRoot(document.getElementById('root'), createElement(App, { api: ${JSON.stringify(s.base)}, network: ${JSON.stringify(NETWORK)}, h: createElement }), { onRecoverableError: (e) => window.__errors.push(String(e)) });`,
        resolveDir: process.cwd(),
        loader: 'js',
      },
      bundle: true,
      format: 'esm',
      write: false,
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    hydrate = out.outputFiles[0]!.text;
  });
  after(() => s.close());

  test("the README's kebab-case attributes survive renderToString, hydrate without a mismatch, and the network loads", async () => {
    const html = renderToString(createElement(App, { api: s.base, network: NETWORK, h: createElement }));
    assert.match(html, /<leerkring-network api="[^"]+" network-id="aardgasvrij-leerkring">/);
    assert.match(html, /<leerkring-agenda show="all" heading-level="2">/);
    const page = await s.browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    // The page as the site's server would send it (given by page.route, on the API's origin: Chromium
    // keeps a page from another origin away from loopback addresses).
    await page.route(`${s.base}/react/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/react/hydrate.js') return route.fulfill({ contentType: 'text/javascript', body: hydrate });
      return route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="nl"><head><title>React</title><script type="module" src="${s.base}/dist/leerkring.js"></script></head><body><div id="root">${html}</div><script type="module" src="/react/hydrate.js"></script></body></html>`,
      });
    });
    await page.goto(`${s.base}/react/`);
    const title = seedNetwork(NETWORK).sessions[0]!.title;
    await page.locator('leerkring-agenda').getByText(title).first().waitFor({ timeout: 15000 }).catch(async (e) => {
      throw new Error(`${e}\nerrors: ${JSON.stringify(errors)}\ntext: ${await page.evaluate(() => document.querySelector('leerkring-agenda')?.shadowRoot?.textContent?.slice(0, 300) ?? 'no shadow root')}`);
    });
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __errors: string[] }).__errors), [], 'hydration without a mismatch');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a camelCase prop is written as a lower-case attribute on the server, which no element reads (why the README says network-id)', () => {
    const html = renderToString(createElement('leerkring-network', { api: 'https://aanmelden.example.org', networkId: NETWORK } as Record<string, string>));
    assert.match(html, /networkid="aardgasvrij-leerkring"|networkId="aardgasvrij-leerkring"/);
    assert.doesNotMatch(html, /network-id=/);
  });

  test("the README's React snippet writes the attributes with a dash as in HTML", () => {
    const readme = readFileSync('README.md', 'utf8');
    const snippet = /\*\*React 19:\*\*[\s\S]*?```tsx\n([\s\S]*?)```/.exec(readme)![1]!;
    assert.match(snippet, /network-id="/);
    assert.doesNotMatch(snippet, /\bnetworkId=|\bheadingLevel=|\bsignupHref=|\bsessionLink=/, 'no camelCase props that server-side rendering would lose');
  });
});
