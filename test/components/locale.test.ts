// This file imports no core module itself, so English is only there if the elements load it.
import { expect } from '@esm-bundle/chai';
import { fixture, shadowText, inline, waitFor } from '../helpers/dom.js';

describe('English on request', () => {
  it('loads the English messages when the page asks for English, and describes problems in English', async () => {
    const el = await fixture('<leerkring-agenda src="/demo/data/twentse-noabers.json" now="2022-04-01T10:00:00Z"></leerkring-agenda>', { lang: 'en' });
    for (let i = 0; i < 50 && !shadowText(el).includes('Upcoming'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(shadowText(el)).to.contain('Upcoming meetings');
    const bad = await fixture(`<leerkring-agenda>${inline({ id: 'x' })}</leerkring-agenda>`, { lang: 'en-GB' });
    // The problem view is a chunk of its own, loaded when an element first meets one.
    await waitFor(() => shadowText(bad).includes('kind:'), 'the problems');
    expect(shadowText(bad)).to.contain('kind: this field is missing');
  });

  it('stays Dutch by default', async () => {
    const el = await fixture('<leerkring-agenda src="/demo/data/twentse-noabers.json" now="2022-04-01T10:00:00Z"></leerkring-agenda>');
    expect(shadowText(el)).to.contain('Komende bijeenkomsten');
  });
});
