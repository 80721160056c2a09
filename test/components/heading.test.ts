import { expect } from '@esm-bundle/chai';
import { render } from 'lit';
import { heading, html } from '../../src/components/shared/heading.js';

// components/shared/heading.ts: `html` with a heading tag chosen at run time (what
// lit/static-html.js did for the elements, in less code).
describe('html with heading(level)', () => {
  const view = (level: number, id: string, text: string, cls?: string) =>
    html`<section><${heading(level)} id=${id} class=${cls ?? 'x'}>${text}</${heading(level)}><p>${text}</p></section>`;

  it('renders the heading level asked for, clamped to h1–h6, with the other values bound as usual', () => {
    const root = document.createElement('div');
    render(view(3, 'a', 'Eerste'), root);
    expect(root.querySelector('section > h3#a.x')?.textContent).to.equal('Eerste');
    expect(root.querySelector('p')?.textContent).to.equal('Eerste');
    render(view(9, 'b', 'Tweede', 'y'), root);
    expect(root.querySelector('section > h6#b.y')?.textContent).to.equal('Tweede');
    expect(root.querySelector('h3')).to.equal(null);
    render(view(0, 'c', 'Derde'), root);
    expect(root.querySelector('section > h1#c')?.textContent).to.equal('Derde');
  });

  it('updates in place while the level stays the same, and keeps one strings array per level', () => {
    const root = document.createElement('div');
    render(view(2, 'a', 'Eerste'), root);
    const h2 = root.querySelector('h2')!;
    render(view(2, 'a', 'Anders'), root);
    expect(root.querySelector('h2')).to.equal(h2);
    expect(h2.textContent).to.equal('Anders');
    expect(view(4, 'a', '').strings).to.equal(view(4, 'b', '').strings);
    expect(view(4, 'a', '').strings).to.not.equal(view(5, 'a', '').strings);
  });

  it('is plain Lit html for a template without a heading tag', () => {
    const plain = (t: string) => html`<p>${t}</p>`;
    expect(plain('a').strings).to.equal(plain('b').strings);
    expect(plain('a').values).to.deep.equal(['a']);
  });
});
