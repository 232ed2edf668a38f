// The dashboard's quota panel (issue 16 slot 'quotas'): the contact-point visits of the viewer's units
// (R1.4, R1.8; contacts/index.ts) beside the units meeting the R2.4 research-visit quota. Composed here
// because research depends on contacts (its visits are field records), not the other way round.
import type { DashboardSlot } from '../../../../shared/api/dashboard.ts';
import { pointQuotaItems } from '../contacts/index.ts';
import type { SlotQuery } from '../dashboard/index.ts';
import { quotaOf } from './research.service.ts';

export async function quotaSlot(q: SlotQuery): Promise<Extract<DashboardSlot, { status: 'ok' }> | null> {
  const [points, research] = await Promise.all([pointQuotaItems(q), quotaOf(q, q.tenantId, q.year)]);
  const researchUnits = research.units.filter((u) => q.units === null || q.units.includes(u.unitId));
  if (!points.any && !researchUnits.length) return null;
  const met = researchUnits.filter((u) => u.met).length;
  return {
    status: 'ok',
    title: '联系点走访与调研完成情况',
    explain: `${q.year}年：${points.explain}；调研按处室每年至少 ${research.required} 次（R2.4）。`,
    items: [
      ...points.items,
      {
        label: '调研走访达标处室',
        value: researchUnits.length ? met / researchUnits.length : null,
        unit: 'rate',
        n: researchUnits.length,
        target: null,
        hint: `R2.4：${met} / ${researchUnits.length} 个监管、执法处室本年调研走访达到 ${research.required} 次`,
      },
    ],
  };
}
