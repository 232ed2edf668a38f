// Demo data (server/src/seed/demo.ts): a few supervision items of this year — one awaiting the
// unit's explanation, one concluded with a 通报, one with a 约谈 whose rectification is under way.
import type { Tx } from '../../db/client.ts';
import * as repo from './supervision.repository.ts';

export async function loadSupervisionDemo(
  tx: Tx,
  opts: { tenantId: string; year: number; unitIds: { hazchem: string; other: string }; oversightName: string; now: Date },
) {
  const at = (daysAgo: number) => new Date(opts.now.getTime() - daysAgo * 86_400_000);
  const day = (daysFromNow: number) => new Date(opts.now.getTime() + daysFromNow * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  const base = { tenantId: opts.tenantId, year: opts.year, targetType: 'unit' as const, openedByName: opts.oversightName };
  await repo.insertItem(tx, {
    ...base,
    targetLabel: '危险化学品安全监督管理处',
    unitId: opts.unitIds.hazchem,
    category: 'slow_handling',
    description: '企业反映危化品经营许可变更咨询答复较慢，个别诉求未在2小时内联系企业。',
    state: 'awaiting_explanation',
    explanationRequest: '请说明近期诉求联系不及时的原因及改进措施。',
    explanationDue: day(5),
    createdAt: at(3),
  });
  const noticeItem = await repo.insertItem(tx, {
    ...base,
    targetLabel: '安全生产基础处',
    unitId: opts.unitIds.other,
    category: 'formalism',
    description: '走访企业记录内容空泛，未写明发现的问题和后续措施。',
    state: 'concluded',
    explanationRequest: '请说明走访记录不规范的情况。',
    explanationDue: day(-20),
    explanation: '已对走访记录逐条补充，今后按要求填写发现问题和跟进措施。',
    explainedByName: '处室负责人',
    explainedAt: at(22),
    outcome: 'notice',
    conclusion: '予以通报批评，限期规范走访记录。',
    concludedByName: opts.oversightName,
    concludedAt: at(18),
    createdAt: at(30),
  });
  await repo.insertNotice(tx, {
    tenantId: opts.tenantId,
    itemId: noticeItem.id,
    kind: 'criticism',
    serial: await repo.nextNoticeSerial(tx, opts.tenantId, opts.year),
    year: opts.year,
    title: '关于走访企业记录不规范问题的通报',
    body: '近期机关党委在督导中发现，个别处室走访企业记录内容空泛，未写明发现的问题和后续措施。\n请各处室对照“不搞形式主义”的要求，认真填写走访记录，确保每次走访有问题、有措施、有跟进。',
    recipientUnitIds: [opts.unitIds.other, opts.unitIds.hazchem],
    issuedByName: opts.oversightName,
    issuedAt: at(18),
  });
  const ivItem = await repo.insertItem(tx, {
    ...base,
    targetLabel: '危险化学品安全监督管理处',
    unitId: opts.unitIds.hazchem,
    category: 'work_style',
    description: '企业投诉工作人员答复态度生硬。',
    state: 'concluded',
    outcome: 'interview',
    conclusion: '约谈处室主要负责人，限期整改。',
    concludedByName: opts.oversightName,
    concludedAt: at(10),
    createdAt: at(15),
  });
  const iv = await repo.insertInterview(
    tx,
    {
      tenantId: opts.tenantId,
      itemId: ivItem.id,
      unitId: opts.unitIds.hazchem,
      heldOn: day(-10),
      unitHeadName: '周建华',
      interviewerNames: '机关党委 钱志刚',
      findings: '个别工作人员服务意识不强，答复企业态度生硬。',
      recordedByName: opts.oversightName,
    },
    [
      { description: '组织全处开展作风整顿学习', ownerName: '周建华', dueDate: day(10) },
      { description: '逐一回访投诉企业并当面致歉', ownerName: '吴海涛', dueDate: day(20) },
    ],
  );
  const [first] = await repo.rectificationsOf(tx, opts.tenantId, [iv.id]);
  await repo.markRectificationDone(tx, first.id, { at: at(2), note: '已组织学习2次。', byName: '吴海涛' });
  return 3;
}
