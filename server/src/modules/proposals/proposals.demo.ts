// Demo data (server/src/seed/demo.ts), R3.3: four 建议提案 of this year in the province — one in handling,
// one whose reply falls due soon, one answered and closed 满意, and one answered 不满意 and now handled
// again in its second round. Each appeal is made by the appeals module's intake (receiveWithin) as 办公室.
import type { Tx } from '../../db/client.ts';
import { addDaysIso, shanghaiDate } from '../../domain/calendar/index.ts';
import { replyDueOf } from '../../domain/proposals/deadline.ts';
import { demoStaffCtx } from '../../lib/context.ts';
import { receiveWithin } from '../appeals/index.ts';
import { PROPOSAL_CHANNEL, PROPOSAL_KIND_LABELS, type ProposalKind } from '../../../../shared/proposals.ts';
import * as repo from './proposals.repository.ts';

type Intake = { id: string; username: string; displayName: string; unitId: string | null };

export async function loadProposalsDemo(
  tx: Tx,
  opts: { tenantId: string; tenantCode: string; intake: Intake; unitIds: { hazchem: string; mining: string }; now?: Date },
) {
  const now = opts.now ?? new Date();
  const today = shanghaiDate(now);
  const ctx = demoStaffCtx(tx, { id: opts.tenantId, code: opts.tenantCode }, { ...opts.intake, roles: ['intake'], scope: 'tenant' });
  const NPC = '省十四届人大三次会议';
  const CPPCC = '省政协十三届三次会议';
  const plan: {
    kind: ProposalKind;
    session: string;
    number: string;
    proposer: string;
    delegation: string;
    title: string;
    content: string;
    enterprise: string;
    unitId: string;
    daysAgo: number;
    rounds: {
      reply?: string;
      evaluation?: 'satisfied' | 'basically_satisfied' | 'unsatisfied';
      note?: string;
      reopenDaysAgo?: number;
      replyDaysAgo?: number;
    }[];
  }[] = [
    {
      kind: 'npc_suggestion',
      session: NPC,
      number: '第0123号',
      proposer: '刘建国',
      delegation: '淄博代表团',
      title: '关于优化危险化学品经营许可办理流程的建议',
      content: '部分化工企业反映危险化学品经营许可变更材料多、跑动多，建议推行告知承诺和全程网办，压缩办理时限。',
      enterprise: '淄博鲁华化工有限公司',
      unitId: opts.unitIds.hazchem,
      daysAgo: 30,
      rounds: [{}],
    },
    {
      kind: 'cppcc_proposal',
      session: CPPCC,
      number: '第0456号',
      proposer: '陈静',
      delegation: '经济界',
      title: '关于加强中小化工企业安全生产技术帮扶的提案',
      content: '中小化工企业安全管理力量薄弱，建议组织专家开展常态化技术帮扶，发布典型隐患清单。',
      enterprise: '东营海晟精细化工有限公司',
      unitId: opts.unitIds.hazchem,
      daysAgo: 80,
      rounds: [{}],
    },
    {
      kind: 'npc_suggestion',
      session: NPC,
      number: '第0087号',
      proposer: '王海波',
      delegation: '烟台代表团',
      title: '关于非煤矿山安全改造项目审批提速的建议',
      content: '非煤矿山企业安全改造项目设计审查周期较长，建议明确时限并公开进度。',
      enterprise: '招远金岭矿业有限公司',
      unitId: opts.unitIds.mining,
      daysAgo: 150,
      rounds: [
        { reply: '我厅已将非煤矿山安全设施设计审查时限由20个工作日压缩至12个工作日，并在政务服务网公开办理进度。', replyDaysAgo: 100, evaluation: 'satisfied' },
      ],
    },
    {
      kind: 'cppcc_proposal',
      session: CPPCC,
      number: '第0231号',
      proposer: '赵明',
      delegation: '民建',
      title: '关于减少对守法企业重复检查的提案',
      content: '守法诚信企业一年内被多部门多次检查，建议推行“综合查一次”，减少对企业正常生产经营的干扰。',
      enterprise: '潍坊恒远化工有限公司',
      unitId: opts.unitIds.hazchem,
      daysAgo: 170,
      rounds: [
        {
          reply: '我厅将在年度执法计划中统筹安排检查频次，对守法企业减少检查。',
          replyDaysAgo: 120,
          evaluation: 'unsatisfied',
          note: '答复未说明“综合查一次”的具体安排和时间表。',
        },
        { reopenDaysAgo: 40 },
      ],
    },
  ];
  for (const p of plan) {
    const assignedOn = addDaysIso(today, -p.daysAgo);
    const appeal = await receiveWithin(tx, ctx, {
      enterpriseName: p.enterprise,
      contactName: '企业联系人',
      contactPhone: '0533-5551234',
      channel: PROPOSAL_CHANNEL[p.kind],
      category: 'suggestion',
      title: `${PROPOSAL_KIND_LABELS[p.kind]}${p.number}：${p.title}`,
      content: p.content,
      externalRef: `${p.session}${p.number}`,
      dispatch: { leadUnitId: p.unitId },
    });
    const last = p.rounds.length;
    const lastRound = p.rounds[last - 1];
    const lastStart = lastRound.reopenDaysAgo !== undefined ? addDaysIso(today, -lastRound.reopenDaysAgo) : assignedOn;
    const state = lastRound.evaluation ? (lastRound.evaluation === 'unsatisfied' ? 'unsatisfied' : 'closed') : lastRound.reply ? 'replied' : 'handling';
    const row = await repo.insertProposal(
      tx,
      {
        tenantId: opts.tenantId,
        kind: p.kind,
        number: p.number,
        session: p.session,
        proposerName: p.proposer,
        delegation: p.delegation,
        title: p.title,
        content: p.content,
        assignedOn,
        year: Number(assignedOn.slice(0, 4)),
        leadUnitId: p.unitId,
        appealId: appeal.id,
        appealNumber: appeal.number,
        state,
        round: last,
        replyDue: replyDueOf(lastStart, 3),
        registeredBy: opts.intake.id,
        registeredByName: opts.intake.displayName,
      },
      { startedOn: assignedOn, replyDue: replyDueOf(assignedOn, 3) },
    );
    for (let i = 0; i < p.rounds.length; i++) {
      const r = p.rounds[i];
      if (i > 0) {
        const startedOn = addDaysIso(today, -(r.reopenDaysAgo ?? 0));
        await repo.insertRound(tx, {
          tenantId: opts.tenantId,
          proposalId: row.id,
          round: i + 1,
          startedOn,
          replyDue: replyDueOf(startedOn, 3),
          reopenReason: '代表委员不满意，重新办理，明确“综合查一次”工作安排。',
        });
      }
      if (r.reply) {
        const on = addDaysIso(today, -(r.replyDaysAgo ?? 0));
        await repo.updateRound(tx, opts.tenantId, row.id, i + 1, {
          replyText: r.reply,
          repliedOn: on,
          repliedAt: new Date(`${on}T10:00:00+08:00`),
          repliedByName: '周建华',
          ...(r.evaluation
            ? {
                evaluation: r.evaluation,
                evaluationNote: r.note ?? null,
                evaluatedAt: new Date(`${addDaysIso(on, 20)}T10:00:00+08:00`),
                evaluatedByName: opts.intake.displayName,
              }
            : {}),
        });
      }
    }
  }
  return plan.length;
}
