// Panels another module fills (issue 16): survey results (R7.3), contact-point and research quota
// progress (R1.4, R1.8, R2.4) and the annual assessment (R7.4). Until a module provides its function
// the panel is 'unavailable' and the page shows 未上线 — never a made-up figure. A module wires its
// panel with one call in its routes file, e.g. contacts.routes.ts:
//   provideDashboardSlot('quotas', quotaSlot);
// A provider answers the 'ok' shape of DashboardSlotSchema (shared/api/dashboard.ts) for the tenant,
// year and units asked, or null when it has nothing for that year (status 'empty', 暂无数据).
import type { DashboardSlot, DashboardSlotKey } from '../../../../shared/api/dashboard.ts';
import type { DbOrTx } from '../../db/client.ts';

export type SlotQuery = {
  db: DbOrTx;
  tenantId: string;
  year: number;
  /** Lead units in the viewer's scope; null = the whole tenant. */
  units: readonly string[] | null;
};
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
