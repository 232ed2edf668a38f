// Standalone: the year at a glance of bench/contacts.ts on a throw-away server database (a small
// generated province, then 5,000 points and 50,000 visits), without the rest of the suite.
//   node bench/contacts.bench.ts [--points 5000] [--visits 50000]
import { migrate } from '../server/src/db/migrate.ts';
import { generate } from '../server/src/seed/gen/index.ts';
import { openServerDb } from './capture.ts';
import { contactsScenario } from './contacts.ts';
import { arg, printTable, scratchDatabase } from './lib.ts';

const scratch = await scratchDatabase('contacts');
if (!scratch) {
  console.error('no PostgreSQL server answered (BENCH_DATABASE_URL)');
  process.exit(1);
}
try {
  const b = await openServerDb(scratch.url);
  await migrate(b.database);
  await generate(b.database.db, { appeals: 2000, enterprises: 5000, years: 1, seed: 1, silent: true, noSweep: true });
  const rows = await contactsScenario(b.database.db, 'PostgreSQL', Number(arg('points', '5000')), Number(arg('visits', '50000')));
  printTable(rows);
  await b.database.close();
} finally {
  await scratch.drop();
}
