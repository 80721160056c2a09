// An agenda defined before the <leerkring-network> around it: the page's modules arrive in any
// order (the bundle's loader fetches each element when its tag appears, and an npm user may
// import the agenda first). This file imports the agenda alone, so the network element is not
// defined until the test imports it.
import { expect } from '@esm-bundle/chai';
import type { LeerkringAgenda } from '../../src/components/agenda/agenda.js';
import '../../src/components/agenda/agenda.js';
import { makeNetwork } from '../helpers/fixtures.js';
import { until } from '../helpers/form.js';

// Neither helper defines an element (test/helpers/dom.ts would define them all).
const doc = makeNetwork({ mode: 'closed' });

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
    expect(root.querySelector('[part="session"] .title')!.textContent).to.equal('Eerste');
    container.remove();
  });
});
