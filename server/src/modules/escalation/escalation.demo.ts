// Demo data (server/src/seed/demo.ts), R6.3 and 领导批示: on open appeals of 危化处 (in the demo leader's
// portfolio) — one 批示 awaiting the unit's 签收, one acknowledged and reported on, a 厅长办公会 agenda item
// proposed, one scheduled for the next meeting and one decided with follow-up actions. Everything goes
// through this module's own services as the demo accounts, so timeline events, audit rows and
// notifications are those the pages would have made.
import type { Tx } from '../../db/client.ts';
import { addDaysIso, shanghaiDate } from '../../domain/calendar/index.ts';
import { demoStaffCtx, type DemoStaff } from '../../lib/context.ts';
import { oldestOpenAppealIdsOfUnit } from '../appeals/index.ts';
import { getTenantCalendar } from '../calendar/index.ts';
import * as escalation from './escalation.service.ts';
import * as instructions from './instructions.service.ts';

export async function loadEscalationDemo(
  tx: Tx,
  opts: { tenantId: string; tenantCode: string; unitId: string; leader: DemoStaff; unitHead: DemoStaff; intake: DemoStaff; now: Date },
) {
  const ctx = (u: DemoStaff) => demoStaffCtx(tx, { id: opts.tenantId, code: opts.tenantCode }, u);
  const leader = ctx(opts.leader);
  const head = ctx(opts.unitHead);
  const intake = ctx(opts.intake);
  // The unit's open appeals, oldest first (those most likely to need a leader's word).
  const open = await oldestOpenAppealIdsOfUnit(tx, opts.tenantId, opts.unitId, 5);
  if (open.length < 5) return;
  const [a1, a2, a3, a4, a5] = open as [string, string, string, string, string];

  // The first working day at least `days` ahead (批示 due dates and meeting dates are working days).
  const calendar = await getTenantCalendar(tx, opts.tenantId);
  const workdayAhead = (days: number): string | null => {
    let d = addDaysIso(shanghaiDate(opts.now), days);
    for (let i = 0; i < 30; i++, d = addDaysIso(d, 1)) {
      try {
        if (calendar.isWorkday(d)) return d;
      } catch {
        return null; // next year's holidays not yet loaded: leave the date out
      }
    }
    return null;
  };

  await instructions.issue(leader, a1, {
    text: '请危化处主要负责同志亲自过问，尽快与企业见面沟通，依法依规帮助解决，办理结果报我。',
    dueDate: workdayAhead(5),
  });
  const second = await instructions.issue(leader, a2, { text: '此事涉及企业正常生产，请抓紧研究，一周内提出意见。', dueDate: workdayAhead(7) });
  const acknowledged = await instructions.acknowledge(head, second.id, { version: second.version, note: '已安排专人对接企业，本周内上门。' });
  await instructions.report(head, acknowledged.id, {
    version: acknowledged.version,
    report: '已上门与企业负责人面谈，现场解答了许可变更的材料要求，企业已按要求补齐材料。',
  });

  await escalation.propose(head, a3, {
    title: '化工园区外企业搬迁改造政策衔接问题',
    background: '多家园区外危化品生产企业反映搬迁改造期间许可延续与安全评价衔接不清。',
    request: '提请研究明确搬迁改造期间许可延续的过渡安排。',
  });
  // Meeting and action dates need not be working days by rule; near the year's end, before next year's
  // holidays are loaded, a plain date stands in.
  const today = shanghaiDate(opts.now);
  const meeting = workdayAhead(3) ?? addDaysIso(today, 3);
  const scheduled = await escalation.propose(head, a4, {
    title: '危化品仓储企业安全距离核定标准',
    background: '企业对仓储设施外部安全防护距离的核定口径有不同理解，各地执行不一。',
    request: '提请研究统一核定口径。',
  });
  await escalation.schedule(intake, scheduled.id, { version: scheduled.version, meetingDate: meeting });
  const decided = await escalation.propose(head, a5, {
    title: '涉企行政检查计划统筹',
    background: '企业反映同一月内接受多个部门重复检查，影响正常生产。',
    request: '提请研究建立涉企检查统筹机制。',
  });
  const lastMeeting = addDaysIso(today, -7);
  const s2 = await escalation.schedule(intake, decided.id, { version: decided.version, meetingDate: lastMeeting });
  await escalation.decide(intake, s2.id, {
    version: s2.version,
    decision: '同意建立涉企检查统筹机制，由危化处牵头拟定年度检查计划，报分管厅领导审定。',
    actions: [{ description: '拟定年度涉企检查统筹计划', unitId: opts.unitId, dueDate: workdayAhead(10) ?? addDaysIso(today, 14) }],
  });
}
