// Panels another module fills (issue 16): survey results (R7.3), contact-point and research quota
// progress (R1.4, R1.8, R2.4) and the annual assessment (R7.4). Until a module provides its function
// the panel is 'unavailable' and the page shows 未上线 — never a made-up figure. A module wires its
// panel with one call in its routes file, e.g. contacts.routes.ts:
//   provideDashboardSlot('quotas', quotaSlot);
// A provider answers the 'ok' shape of DashboardSlotSchema (shared/api/dashboard.ts) for the tenant,
// year and units asked, or null when it has nothing for that year (status 'empty', 暂无数据).
import type { DashboardSlot, DashboardSlotKey } from '../../../../shared/api/dashboard.ts';
import type { DbOrTx } from '../../db/client.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';

export type SlotQuery = {
  db: DbOrTx;
  tenantId: string;
  year: number;
  /** Lead units in the viewer's scope; null = the whole tenant. */
  units: readonly string[] | null;
  /** The dashboard's own clock reading (its figures and the panels' count to the same instant). */
  now?: Date;
  /** Reads shared by the dashboard and its panels within one request (sharedRead); absent: each reads for itself. */
  shared?: SharedReads;
};

/** One request's reads, each made once: by the function read and its arguments (sharedRead). */
export type SharedReads = Map<unknown, Map<string, Promise<unknown>>>;

export const sharedReads = (): SharedReads => new Map();

/**
 * `read(q.db, ...args)`, made once per dashboard request (issue 20): the dashboard and its panels read
 * the same units, cities, survey and figures, and each read had been sent again by each of them (28
 * statements for one province dashboard, about eight of them repeats). Keyed by the function itself and
 * its arguments (object keys in any order), so only the same read of the same thing is shared.
 */
export function sharedRead<A extends unknown[], R>(q: Pick<SlotQuery, 'db' | 'shared'>, read: (db: DbOrTx, ...args: A) => Promise<R>, ...args: A): Promise<R> {
  if (!q.shared) return read(q.db, ...args);
  let byArgs = q.shared.get(read);
  if (!byArgs) {
    byArgs = new Map();
    q.shared.set(read, byArgs);
  }
  const key = canonicalJson(args);
  let p = byArgs.get(key) as Promise<R> | undefined;
  if (!p) {
    // A promise of its own: a drizzle query (listUnits answers one) runs again at every `then`.
    p = Promise.resolve(read(q.db, ...args));
    byArgs.set(key, p);
  }
  return p;
}

export type SlotProvider = (q: SlotQuery) => Promise<Extract<DashboardSlot, { status: 'ok' }> | null>;

const TITLES: Record<DashboardSlotKey, { title: string; note: string }> = {
  survey: { title: '企业满意度调查', note: '年度抽样满意度调查（R7.3）上线后，在此显示调查结果。' },
  quotas: { title: '联系点走访与调研完成情况', note: '联系点走访（R1.4、R1.8）和调研（R2.4）上线后，在此显示完成进度。' },
  assessment: { title: '年度考核', note: '年度考核（R7.4）上线后，在此显示各处室得分。' },
  hotTopics: { title: '诉求热点', note: '诉求热点分析上线后，在此显示近30天上升的关键词。' },
};

const providers = new Map<DashboardSlotKey, SlotProvider>();

/** Wires a panel. Returns what puts back the provider it replaced (tests swap one for a while). */
export function provideDashboardSlot(key: DashboardSlotKey, provider: SlotProvider): () => void {
  const before = providers.get(key);
  providers.set(key, provider);
  return () => {
    if (before) providers.set(key, before);
    else providers.delete(key);
  };
}

export async function slot(key: DashboardSlotKey, q: SlotQuery): Promise<DashboardSlot> {
  const t = TITLES[key];
  const p = providers.get(key);
  if (!p) return { status: 'unavailable', title: t.title, note: t.note };
  const r = await p(q);
  return r ?? { status: 'empty', title: t.title, note: `${q.year}年暂无数据。` };
}
