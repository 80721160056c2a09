import { openDatabase } from '../../src/server/index.js';
import { RegistrationService } from '../../src/server/registrations/service.js';
import { network, person, tempDir } from './helpers.js';
const n = network({ id: 'b', registration: { mode: 'built-in', capacity: 1000000, fields: { organisation: 'optional', organisationType: 'off' } } });
const db = await openDatabase({ dataDir: tempDir() });
const s = new RegistrationService(db, new Map([[n.id, n]]), { secret: Buffer.alloc(32, 1) });
for (let round = 0; round < 3; round++) {
  const t0 = performance.now();
  let i = round * 1000;
  await Promise.all(Array.from({ length: 50 }, async () => { for (let k = 0; k < 6; k++) { const r = await s.register(n, person(i++)); if (r.kind !== 'created') throw new Error(JSON.stringify(r)); } }));
  console.log('300 registrations', ((300 / (performance.now() - t0)) * 1000).toFixed(0), '/s');
}
await db.close();
