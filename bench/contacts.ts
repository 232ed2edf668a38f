// Issue 14: the year at a glance (联系点年度走访进度) of the province — its own points with visits done /
// required and pace, and each city's totals — over 5,000 points and 50,000 visits (added on top of what
// `zqt gen` made, dealt over the province's and cities' leaders and business units). Measured
// in-process through the service (yearView, as GET /api/contact-points/year answers it). Baseline:
// one statement counting the year's visits of every active point of the province and its cities.
// Target: p95 ≤ 50 ms on the server.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../server/src/db/client.ts';
import type { Actor } from '../server/src/lib/context.ts';
import { yearView } from '../server/src/modules/contacts/index.ts';
import { generateContacts } from '../server/src/seed/gen/contacts.ts';
import { sequential, type Row } from './lib.ts';

export async function contactsScenario(db: Db, label: string, points = 5000, visits = 50000): Promise<Row[]> {
  const [p] = await queryRows<{ id: string; code: string; name: string }>(db, sql`SELECT id, code, name FROM tenants WHERE code = '370000'`);
  const [have] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM contact_points`);
  const add = Math.max(0, points - have.n);
  if (add) await generateContacts(db, { now: new Date(), points: add, visits });
  const [c] = await queryRows<{ points: number; visits: number; active: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM contact_points)::int AS points, (SELECT count(*) FROM field_records)::int AS visits,
      (SELECT count(*) FROM contact_points WHERE state = 'confirmed')::int AS active`,
  );
  const actor: Actor = {
    kind: 'staff',
    userId: '00000000-0000-0000-0000-000000000000',
    username: 'bench',
    displayName: 'bench',
    tenantId: p.id,
    tenantCode: p.code,
    tenantKind: 'province',
    unitId: null,
    roles: ['coordinator'],
    scope: 'tenant',
    portfolioUnitIds: [],
    mustChangePassword: false,
  };
  const ctx = { db, actor, ip: '127.0.0.1', requestId: 'bench' };
  let shown = '';
  const app = await sequential(50, async () => {
    const v = await yearView(ctx);
    shown = `${v.items.length} province points, ${v.cities.length} cities' totals (${v.cities.reduce((s, x) => s + x.points, 0)} points)`;
  });
  const year = new Date().getFullYear();
  const base = await sequential(50, () =>
    queryRows(
      db,
      sql`SELECT p.id, count(r.id) FROM contact_points p JOIN tenants t ON t.id = p.tenant_id
          LEFT JOIN field_records r ON r.point_id = p.id AND r.kind = 'visit' AND r.visited_on >= ${`${year}-01-01`}::date AND r.visited_on < ${`${year + 1}-01-01`}::date
          WHERE (t.id = ${p.id} OR t.parent_id = ${p.id}) AND p.state IN ('confirmed', 'expired')
            AND p.term_start < ${`${year + 1}-01-01`}::date AND p.term_end > ${`${year}-01-01`}::date
          GROUP BY p.id`,
    ),
  );
  return [
    {
      scenario: `year at a glance (联系点), province + cities`,
      database: label,
      p50: app.p50,
      p95: app.p95,
      baseline: `p95 ${base.p95.toFixed(2)} ms (visits per active point, 1 statement)`,
      ratio: `${(app.p95 / base.p95).toFixed(1)}×`,
      target: 'p95 ≤ 50 ms',
      ok: label !== 'PostgreSQL' || app.p95 <= 50,
      note: `${c.points.toLocaleString('en-US')} points (${c.active.toLocaleString('en-US')} confirmed), ${c.visits.toLocaleString('en-US')} field records; ${shown}`,
    },
  ];
}
