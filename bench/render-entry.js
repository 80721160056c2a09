// Bundled by scripts/bench.mjs: the real agenda element and, for comparison, the same
// sessions as a plain Lit list (title, date, venue per item) with no rules or formatting.
import '../dist/components/index.js';
import { LitElement, html } from 'lit';

class PlainList extends LitElement {
  static properties = { items: { attribute: false } };
  render() {
    return html`<ul>${this.items.map((s) => html`<li><h4>${s.title}</h4><p>${s.start}</p><p>${s.venue?.city ?? ''}</p></li>`)}</ul>`;
  }
}
customElements.define('plain-list', PlainList);

function makeNetwork(n) {
  const sessions = Array.from({ length: n }, (_, i) => {
    const day = new Date(Date.UTC(2030, 0, 1 + i));
    const date = day.toISOString().slice(0, 10);
    return { id: `s${i}`, title: `Bijeenkomst ${i + 1}`, type: i % 3 ? 'thematic' : 'plenary', theme: `Thema ${i % 7}`, start: `${date}T19:30`, end: `${date}T21:00`, venue: { type: 'physical', name: 'Stadhuis', city: 'Utrecht' } };
  });
  return { id: 'bench', kind: 'learning-network', title: 'Bench', summary: 'Bench', organisers: [{ name: 'Gemeente' }], sessions, registration: { mode: 'built-in', scope: 'session', capacity: 20 } };
}

const settle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/** Elements, text and Lit's comment markers: everything the browser keeps per session. */
const nodeCount = (root) => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
  let n = 0;
  while (walker.nextNode()) n++;
  return n;
};
const frame = () => new Promise((r) => requestAnimationFrame(() => r()));

window.benchAgenda = async (n) => {
  const doc = makeNetwork(n);
  const host = document.createElement('div');
  const json = JSON.stringify(doc);
  const t0 = performance.now();
  host.innerHTML = `<leerkring-agenda now="2029-12-01T00:00:00Z" structured-data="off" filters="off"><script type="application/json">${json}</script></leerkring-agenda>`;
  document.body.append(host);
  const el = host.firstElementChild;
  // How many sessions the first render drew, seen right after it changed the DOM.
  let first = 0;
  const seen = new MutationObserver(() => {
    first ||= el.shadowRoot.querySelectorAll('[part="session"]').length;
  });
  seen.observe(el.shadowRoot, { childList: true, subtree: true });
  while (!el.shadowRoot?.querySelector('[part="session"]')) await el.updateComplete.then(() => new Promise((r) => setTimeout(r, 0)));
  const tScript = performance.now() - t0;
  void document.body.offsetHeight;
  const t = performance.now() - t0;
  seen.disconnect();
  const sessions = () => el.shadowRoot.querySelectorAll('[part="session"]').length;
  // Then the rest of the first page, drawn in later frames: done when two frames add nothing.
  let drawn = first;
  for (let still = 0; still < 2; ) {
    await frame();
    await el.updateComplete;
    const now = sessions();
    still = now === drawn ? still + 1 : 0;
    drawn = now;
  }
  const tPage = performance.now() - t0;
  window.lastSplit = { script: tScript, layout: t - tScript, page: tPage, nodesPerSession: nodeCount(el.shadowRoot) / drawn };
  host.remove();
  await settle();
  return { ms: t, count: first, page: drawn, pageMs: tPage, nodesPerSession: window.lastSplit.nodesPerSession };
};

window.benchPlain = async (n) => {
  const doc = makeNetwork(n);
  const host = document.createElement('div');
  const t0 = performance.now();
  const el = document.createElement('plain-list');
  el.items = JSON.parse(JSON.stringify(doc)).sessions;
  host.append(el);
  document.body.append(host);
  await el.updateComplete;
  void document.body.offsetHeight;
  const t = performance.now() - t0;
  const count = el.shadowRoot.querySelectorAll('li').length;
  const nodesPerSession = nodeCount(el.shadowRoot) / count;
  host.remove();
  await settle();
  return { ms: t, count, nodesPerSession };
};

// Everything: the first page, then "toon meer" until all N sessions are drawn (progressively).
window.benchAgendaAll = async (n) => {
  const doc = makeNetwork(n);
  const host = document.createElement('div');
  const json = JSON.stringify(doc);
  const t0 = performance.now();
  host.innerHTML = `<leerkring-agenda now="2029-12-01T00:00:00Z" structured-data="off" filters="off"><script type="application/json">${json}</script></leerkring-agenda>`;
  document.body.append(host);
  const el = host.firstElementChild;
  const sessions = () => el.shadowRoot?.querySelectorAll('[part="session"]').length ?? 0;
  while (!sessions()) await el.updateComplete.then(() => new Promise((r) => setTimeout(r, 0)));
  for (let more = el.shadowRoot.querySelector('button.more'); more; more = el.shadowRoot.querySelector('button.more')) {
    more.click();
    await el.updateComplete;
  }
  while (sessions() < n) await frame().then(() => el.updateComplete);
  void document.body.offsetHeight;
  const t = performance.now() - t0;
  const count = sessions();
  host.remove();
  await settle();
  return { ms: t, count };
};
