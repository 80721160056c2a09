// An agenda defined before the <leerkring-network> around it: the page's modules arrive in any
// order (the bundle's loader fetches each element when its tag appears, and an npm user may
// import the agenda first). This file imports the agenda alone, so the network element is not
// defined until the test imports it.
import { expect } from '@esm-bundle/chai';
import type { LeerkringAgenda } from '../../src/components/agenda/agenda.js';
import '../../src/components/agenda/agenda.js';

const doc = {
  id: 'later',
  kind: 'learning-circle',
  title: 'Later gedefinieerd',
  summary: 'Voor tests.',
  organisers: [{ name: 'Gemeente Voorbeeld', type: 'municipality' }],
  sessions: [{ id: 'een', title: 'Eerste bijeenkomst', type: 'kick-off', start: '2030-05-01T10:00', venue: { type: 'online' } }],
  registration: { mode: 'closed' },
};

/** Resolves once `test` holds, checked after every frame (the state is awaited, not a time). */
function until(test: () => boolean, what: string): Promise<void> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (test()) resolve();
      else if (performance.now() - started > 5000) reject(new Error(`not within 5 s: ${what}`));
      else requestAnimationFrame(check);
    };
    check();
  });
}

describe('<leerkring-agenda> inside a <leerkring-network> defined after it', () => {
  it('waits without an error, and shows the sessions once the network element is defined', async () => {
    expect(customElements.get('leerkring-network'), 'this file must not define the network element up front').to.equal(undefined);
    const container = document.createElement('div');
    container.lang = 'nl';
    container.innerHTML = `<leerkring-network><script type="application/json">${JSON.stringify(doc)}</script><leerkring-agenda now="2026-01-01T00:00:00Z"></leerkring-agenda></leerkring-network>`;
    document.body.append(container);
    const agenda = container.querySelector<LeerkringAgenda>('leerkring-agenda')!;
    await agenda.updateComplete;
    const root = agenda.shadowRoot!;
    expect(root.querySelector('[part~="error"]'), 'no error while the network element is missing').to.equal(null);
    expect(root.querySelector('[part="session"]')).to.equal(null);

    await import('../../src/components/network/network.js');
    await until(() => root.querySelector('[part="session"]') !== null, 'the agenda shows the network’s session');
    expect(root.querySelector('[part="session"] .title')!.textContent).to.equal('Eerste bijeenkomst');
    container.remove();
  });
});
