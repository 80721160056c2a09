import { parseNetwork, type Network, type RegistrationPolicy, type Session } from '../../src/core/index.js';

/** A minimal valid network with the given registration policy and sessions, checked by the parser. */
export function makeNetwork(
  registration: Partial<RegistrationPolicy> = {},
  sessions: Session[] = [{ id: 's1', title: 'Eerste', type: 'kick-off', start: '2030-05-01T10:00', end: '2030-05-01T12:00' }],
  extra: Partial<Network> = {},
): Network {
  const doc = {
    id: 'test-netwerk',
    kind: 'learning-circle',
    title: 'Testnetwerk',
    summary: 'Een netwerk voor tests.',
    organisers: [{ name: 'Gemeente Voorbeeld', type: 'municipality' }],
    contact: { email: 'contact@example.org' },
    sessions,
    registration: { mode: 'built-in', ...registration },
    ...extra,
  };
  const result = parseNetwork(doc);
  if (!result.ok) throw new Error(`fixture invalid: ${JSON.stringify(result.problems.map((p) => p.path + ' ' + p.message.en))}`);
  return result.value;
}

export const NOW = new Date('2030-04-01T09:00:00Z');

/** A one-place workshop with a waiting list, as raw JSON for the test API (`PUT /test-api/networks/wacht`). */
export const WAITLIST_DOC = {
  id: 'wacht',
  kind: 'workshop',
  title: 'Workshop met wachtlijst',
  summary: 'Test',
  organisers: [{ name: 'Gemeente Voorbeeld' }],
  contact: { name: 'Organisator (demo)', email: 'organisator@example.org' },
  sessions: [{ id: 'dag', title: 'Workshopdag', type: 'other', start: '2030-05-01T10:00', end: '2030-05-01T16:00' }],
  registration: { mode: 'built-in', capacity: 1, waitlist: { enabled: true }, fields: { organisation: 'optional', organisationType: 'off' } },
};
