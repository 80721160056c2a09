// Reflow and text spacing on a phone (issue 12, item 5): at 200% text on a 375 px screen no demo
// page scrolls sideways and button texts stay inside their buttons; a person's own text spacing
// (WCAG 1.4.12) reaches the text inside the elements.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { loadNetworks } from '../../src/server/index.js';
import { serveInChromium } from './browser.js';
import { sha256 } from '../../src/server/tokens.js';
import { DEMO_NETWORKS } from '../../demo/networks.js';

let browser: Browser;
let base = '';
let close: () => Promise<void>;

before(async () => {
  ({ base, browser, close } = await serveInChromium(loadNetworks('demo/data'), { secret: Buffer.alloc(32, 5), adminTokenHash: sha256('x'), staticRoot: process.cwd() }));
});
after(() => close());

const PAGES = [['index', '/'], ...DEMO_NETWORKS.map((n) => [n.id, `/demo/netwerk.html?id=${n.id}`]), ['cms', '/demo/cms.html'], ['manage', '/demo/aanmelding.html']] as const;

async function settled(page: Page) {
  await page.waitForFunction(() => {
    const els = [...document.querySelectorAll('leerkring-agenda, leerkring-signup, leerkring-manage')];
    return els.every((e) => e.shadowRoot && e.shadowRoot.textContent!.trim() && !/laden…|Loading/.test(e.shadowRoot.textContent!));
  });
}

/** What sticks out: the page's overflow, and every button or link-button whose text is wider than itself (shadow roots included). */
function overflow(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    const page = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    if (page > 0) out.push(`page scrolls sideways by ${page}px`);
    const roots: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < roots.length; i++) {
      for (const el of roots[i]!.querySelectorAll('*')) {
        if (el.shadowRoot) roots.push(el.shadowRoot);
        if (el.matches('button, .button') && el.scrollWidth > el.clientWidth + 1) out.push(`"${el.textContent!.trim().slice(0, 40)}" runs out of its button (${el.scrollWidth} > ${el.clientWidth})`);
        const r = el.getBoundingClientRect();
        if (r.width && r.right > document.documentElement.clientWidth + 1) out.push(`<${el.localName}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''}> "${(el.textContent ?? '').trim().slice(0, 30)}" ends at ${Math.round(r.right)}px`);
      }
    }
    return out.slice(0, 8);
  });
}

describe('200% text on a 375 px phone', () => {
  for (const [name, path] of PAGES) {
    test(`${name}: no sideways scrolling, button texts inside their buttons`, async () => {
      const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
      try {
        await page.goto(base + path);
        if (name !== 'index') await settled(page);
        // As a browser's text size setting does: the root font size, which every rem follows (CSSOM, allowed under the CSP).
        await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
        await page.evaluate(() => new Promise(requestAnimationFrame));
        assert.deepEqual(await overflow(page), []);
      } finally {
        await page.close();
      }
    });
  }
});

describe('text spacing a person sets (WCAG 1.4.12) reaches the text inside the elements', () => {
  for (const [name, path] of PAGES.filter(([n]) => n !== 'index')) {
    test(`${name}: line height 1.5, letters 0.12em, words 0.16em; nothing is cut off`, async () => {
      const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
      try {
        await page.goto(base + path);
        await settled(page);
        // As the text-spacing bookmarklet does: one sheet over the whole document (a constructed
        // sheet, which the CSP allows), with !important.
        const found = await page.evaluate(() => {
          const sheet = new CSSStyleSheet();
          sheet.replaceSync('* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-block-end: 2em !important; }');
          document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
          const wrong: string[] = [];
          for (const host of document.querySelectorAll('leerkring-agenda, leerkring-signup, leerkring-manage')) {
            // Inside a shadow root the spacing is inherited from the host as a length, so it must
            // arrive at least as wide as the host has it; line height is a ratio for every element.
            const hs = getComputedStyle(host);
            const hostLetters = parseFloat(hs.letterSpacing);
            const hostWords = parseFloat(hs.wordSpacing);
            if (Math.abs(hostLetters / parseFloat(hs.fontSize) - 0.12) > 0.01) wrong.push(`${host.localName} itself: letters ${hs.letterSpacing}`);
            for (const el of host.shadowRoot!.querySelectorAll('p, li, label, h2, h3, button, a, input, select')) {
              const cs = getComputedStyle(el);
              const size = parseFloat(cs.fontSize);
              const letters = parseFloat(cs.letterSpacing) || 0;
              const words = parseFloat(cs.wordSpacing) || 0;
              // Chromium draws a closed <select> at its own line height, whatever the style says.
              const line = el.localName === 'select' ? 1.5 : cs.lineHeight === 'normal' ? 0 : parseFloat(cs.lineHeight) / size;
              if (letters < hostLetters - 0.01 || words < hostWords - 0.01 || line < 1.49)
                wrong.push(`<${el.localName}> "${(el.textContent || (el as HTMLInputElement).value || '').trim().slice(0, 30)}": letters ${cs.letterSpacing}, words ${cs.wordSpacing}, line ${line.toFixed(2)}`);
              if (el.scrollWidth > el.clientWidth + 1 && cs.overflowX !== 'visible') wrong.push(`<${el.localName}> "${el.textContent!.trim().slice(0, 30)}" is cut off`);
            }
          }
          return wrong.slice(0, 6);
        });
        assert.deepEqual(found, []);
        assert.deepEqual(await overflow(page), []);
      } finally {
        await page.close();
      }
    });
  }
});
