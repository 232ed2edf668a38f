// Capability 8 demo data: the province's knowledge base (40+ articles) and repeats among the demo appeals.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { demoLoaded, loadDemoData } from '../../src/seed/demo.ts';
import { testDatabase } from '../helpers/db.ts';

test('R6.1 demo: 40+ knowledge articles in the province and 重复诉求 among the demo appeals', async (t) => {
  const db = (await testDatabase()).db;
  const count = async () =>
    (
      await queryRows<{ articles: number; repeats: number }>(
        db,
        sql`SELECT (SELECT count(*)::int FROM knowledge_articles k JOIN tenants t ON t.id = k.tenant_id WHERE t.code = '370000') AS articles,
                   (SELECT count(*)::int FROM appeals a JOIN tenants t ON t.id = a.tenant_id WHERE t.code = '370000' AND a.repeat_count > 0) AS repeats`,
      )
    )[0]!;
  if (await demoLoaded(db)) {
    if ((await count()).articles === 0) return t.skip('demo data was loaded into this database before the knowledge base existed');
  } else {
    // false: another test process loaded it meanwhile (the marker row serialises the loads; the data commits with it).
    await loadDemoData(db);
  }
  const c = await count();
  console.log(`[demo] ${c.articles} knowledge articles, ${c.repeats} repeated appeals`);
  assert.ok(c.articles >= 40);
  assert.ok(c.repeats > 0, 'some demo appeals are repeats');
});
