import { expect } from '@esm-bundle/chai';
import type { LeerkringSignup } from '../../src/components/index.js';
import { fixture, expectAccessible } from '../helpers/dom.js';
import { post, until } from '../helpers/form.js';

// Issue 13: names in the outcome screen sit in <bdi>, so a Hebrew or Arabic name keeps its own
// direction and the order and punctuation of the Dutch sentence around it.
const contact = 'מרים לוי';
const title = 'شبكة الطاقة';

function rtlNetwork() {
  return {
    id: 'rtl',
    kind: 'learning-circle',
    title,
    summary: 'Voor tests.',
    organisers: [{ name: 'Gemeente Voorbeeld' }],
    contact: { name: contact, email: 'miriam@example.org' },
    sessions: [{ id: 'dag', title: 'Startbijeenkomst', type: 'kick-off', start: '2030-05-01T19:30', end: '2030-05-01T21:30' }],
    registration: { mode: 'built-in', capacity: 20, approval: { required: true, contactWithinDays: 5 }, fields: { organisation: 'optional', organisationType: 'off' } },
  };
}

/** Each text node with one of `names`: is it the whole text of a <bdi> that isolates? */
function isolation(root: ShadowRoot, names: string[]): { found: number; bad: string[] } {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const bad: string[] = [];
  let found = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    if (!names.some((n) => text.includes(n))) continue;
    found++;
    const bdi = node.parentElement?.closest('bdi');
    if (!bdi || !getComputedStyle(bdi).unicodeBidi.includes('isolate') || !names.includes(bdi.textContent!.trim())) bad.push(`${node.parentElement?.localName}: ${text}`);
  }
  return { found, bad };
}

describe('<leerkring-signup>: right-to-left names in the outcome (issue 13)', () => {
  beforeEach(async () => {
    await post('/test-api/reset');
    const res = await fetch('/test-api/networks/x', { method: 'PUT', body: JSON.stringify(rtlNetwork()) });
    expect(res.status).to.equal(204);
  });

  it('the pending and confirmed screens isolate the contact and the network title', async () => {
    const el = await fixture<LeerkringSignup>('<leerkring-signup api="" network-id="rtl" now="2030-01-10T10:00:00+01:00"></leerkring-signup>');
    await until(() => !!el.shadowRoot!.querySelector('form'), 'the form');
    el.showOutcome({ kind: 'pending' });
    await el.updateComplete;
    const pending = isolation(el.shadowRoot!, [contact, title]);
    // The contact twice: "… neemt contact met je op" and the contact line.
    expect(pending.found).to.equal(2);
    expect(pending.bad).to.deep.equal([]);
    el.showOutcome({ kind: 'confirmed' });
    await el.updateComplete;
    const confirmed = isolation(el.shadowRoot!, [contact, title]);
    expect(confirmed.found).to.be.at.least(2);
    expect(confirmed.bad).to.deep.equal([]);
    await expectAccessible(el);
  });
});
