// Starts a throwaway cluster with scripts/postgres.mjs, prints its URL and folder, and waits to be
// signalled (test/node/postgres-signal.test.ts): a signal must not leave the cluster running.
import { startPostgres } from '../../scripts/postgres.mjs';

const pg = await startPostgres();
console.log(JSON.stringify({ url: pg.url, dir: pg.dir }));
setInterval(() => {}, 60_000);
