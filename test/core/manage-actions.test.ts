import { expect } from '@esm-bundle/chai';
import { manageActions, cancelClosedText } from '../../src/core/index.js';
import { makeNetwork } from '../helpers/fixtures.js';

const sessions = [
  { id: 'a', title: 'Eerste', type: 'other' as const, start: '2030-05-01T10:00', end: '2030-05-01T12:00' },
  { id: 'b', title: 'Tweede', type: 'other' as const, start: '2030-06-01T10:00', end: '2030-06-01T12:00' },
];

describe('manageActions and registration.cancelUntil', () => {
  const n = makeNetwork({ mode: 'built-in', scope: 'session', capacity: 5, waitlist: { enabled: true }, cancelUntil: '2030-04-20T17:00' }, sessions);

  it('offers cancelling and moving until the moment itself, and neither from then on', () => {
    expect(manageActions(n, { status: 'confirmed', sessionId: 'a' }, new Date('2030-04-20T14:59:59Z'))).to.deep.equal({ cancel: true, leaveWaitlist: false, switchTo: ['b'] });
    expect(manageActions(n, { status: 'confirmed', sessionId: 'a' }, new Date('2030-04-20T15:00:00Z'))).to.deep.equal({ cancel: false, leaveWaitlist: false, switchTo: [], cancelClosed: true });
    expect(manageActions(n, { status: 'pending', sessionId: 'a' }, new Date('2030-04-21T00:00:00Z')).cancelClosed).to.equal(true);
  });

  it('still lets people leave a waiting list: it holds nobody’s place', () => {
    expect(manageActions(n, { status: 'waitlisted', sessionId: 'a' }, new Date('2030-04-25T00:00:00Z'))).to.deep.equal({ cancel: false, leaveWaitlist: true, switchTo: ['b'] });
  });

  it('says until when, in Dutch and English: a moment with its time, a bare date as that day', () => {
    expect(cancelClosedText(n, 'nl')).to.equal('Afmelden via deze pagina kon tot zaterdag 20 april 2030, 17.00 uur. Kun je toch niet komen? Laat het de organisatie weten.');
    expect(cancelClosedText(n, 'en')).to.equal("You could cancel on this page until Saturday, 20 April 2030, 17:00. Can't come after all? Let the organisers know.");
    const byDate = makeNetwork({ mode: 'built-in', capacity: 5, cancelUntil: '2030-04-20' }, sessions);
    expect(cancelClosedText(byDate, 'nl')).to.match(/^Afmelden via deze pagina kon tot zaterdag 20 april 2030\. /);
  });
});
