import { expect } from '@esm-bundle/chai';
import '../../src/components/index.js';

const containers: HTMLElement[] = [];
afterEach(() => {
  while (containers.length) containers.pop()!.remove();
});

/** Renders markup into the document and waits until every leerkring element in it has settled. */
export async function fixture<T extends HTMLElement>(markup: string, { lang = 'nl', width }: { lang?: string; width?: number } = {}): Promise<T> {
  const container = document.createElement('div');
  container.setAttribute('lang', lang);
  if (width) container.style.inlineSize = `${width}px`;
  container.innerHTML = markup;
  document.body.append(container);
  containers.push(container);
  const el = container.firstElementChild as T;
  await settle(container);
  return el;
}

/** Waits until loading has finished in every leerkring element under `root`. */
export async function settle(root: ParentNode, timeout = 5000): Promise<void> {
  const started = performance.now();
  for (;;) {
    const elements = [...root.querySelectorAll('*')].filter((e) => e.localName.startsWith('leerkring-')) as unknown as {
      updateComplete: Promise<unknown>;
      shadowRoot: ShadowRoot | null;
    }[];
    await Promise.all(elements.map((e) => e.updateComplete));
    const loading = elements.some((e) => e.shadowRoot?.querySelector('[role="status"]')?.textContent?.includes('laden') || e.shadowRoot?.querySelector('[role="status"]')?.textContent?.includes('Loading'));
    if (!loading) return;
    if (performance.now() - started > timeout) throw new Error('elements still loading');
    await new Promise((r) => setTimeout(r, 20));
  }
}

let axeLoaded: Promise<void> | undefined;
function loadAxe(): Promise<void> {
  axeLoaded ??= new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = '/node_modules/axe-core/axe.min.js';
    s.onload = () => resolve();
    s.onerror = reject;
    document.head.append(s);
  });
  return axeLoaded;
}

/** Runs axe-core (WCAG 2.0–2.2 A and AA rules) on an element, shadow DOM included, and fails on any violation. */
export async function expectAccessible(el: Element): Promise<void> {
  await loadAxe();
  const axe = (window as unknown as { axe: any }).axe;
  const result = await axe.run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
  const summary = result.violations.map((v: any) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target.join(' ')).join('; ')})`);
  expect(summary, summary.join('\n')).to.deep.equal([]);
}

/** The text of an element's shadow root, whitespace folded. */
export function shadowText(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Inline JSON for a network document inside an element. */
export function inline(doc: unknown): string {
  return `<script type="application/json">${JSON.stringify(doc).replace(/</g, '\\u003c')}</script>`;
}

/** Collects console.warn calls while `run` runs. */
export async function warnings(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void seen.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.warn = original;
  }
  return seen;
}

/** The JSON-LD an element put in its light DOM, once it is there (it loads after the element shows). */
export async function jsonLdOf(el: Element, timeout = 5000): Promise<any> {
  const start = performance.now();
  for (;;) {
    const script = el.querySelector('script[type="application/ld+json"]');
    if (script) return JSON.parse(script.textContent!);
    if (performance.now() - start > timeout) throw new Error('no JSON-LD appeared');
    await new Promise((r) => requestAnimationFrame(r));
  }
}

/** Waits, frame by frame, until `condition` returns something truthy (code loaded on demand, say), and returns it. */
export async function waitFor<T>(condition: () => T, what = 'the condition', timeout = 5000): Promise<NonNullable<T>> {
  const start = performance.now();
  for (;;) {
    const value = condition();
    if (value) return value as NonNullable<T>;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}
