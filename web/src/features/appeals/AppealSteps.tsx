// The "2115" loop of one appeal as a step bar (R6.2, issue 17): 签收 → 联系企业 (2 hours) → 初步意见
// (1 working day) → 办理结果 (15 working days) → 答复企业 → 评价/办结, the current step marked, each
// milestone's deadline through the one formatter (shared/format.ts), its completion and whether it
// was on time. Steps are read from the appeal as the server presents it; nothing is computed here
// that the server decides (the milestone states come from GET /appeals/:id).
import { Steps, Typography } from 'antd';
import type { ReactNode } from 'react';
import { CLOSE_REASON_LABELS, type Milestone } from '../../../../shared/appeals.ts';
import { formatDateTime, formatDeadline } from '../../ui/format.ts';
import type { AppealDetail } from './api.ts';
import { Countdown } from './Countdown.tsx';
import { MilestoneTag } from './MilestoneTag.tsx';

type Step = { key: string; title: string; limit?: string; done: boolean; content: ReactNode; late?: boolean; testId?: string };

const Line = ({ children }: { children: ReactNode }) => <div style={{ whiteSpace: 'nowrap', fontSize: 12 }}>{children}</div>;

function milestoneStep(a: AppealDetail, m: Milestone, title: string, limit: string, done: boolean, current: boolean): Step {
  const ms = a.milestones[m];
  const live = !done && current && a.state !== 'closed' && a.state !== 'paused';
  return {
    key: m,
    title,
    limit,
    done,
    late: ms.state === 'overdue' || ms.state === 'met_late',
    testId: `milestone-${m}`,
    content: (
      <>
        <Line>时限 {formatDeadline(ms.dueAt)}</Line>
        {done ? (
          <>
            <Line>完成 {formatDateTime(ms.doneAt)}</Line>
            <Line>
              <MilestoneTag state={ms.state} />
            </Line>
          </>
        ) : live && ms.dueAt ? (
          <Line>
            <Countdown dueAt={ms.dueAt} dueSoon={ms.state === 'due_soon'} workdaysLeft={ms.workdaysLeft} />
          </Line>
        ) : ms.state !== 'pending' ? (
          <Line>
            <MilestoneTag state={ms.state} />
          </Line>
        ) : null}
      </>
    ),
  };
}

export function appealSteps(a: AppealDetail): { steps: Step[]; current: number } {
  const accepted = a.acceptedAt !== null && !['received', 'returned', 'dispatched'].includes(a.state);
  const contacted = a.milestones.contact.doneAt !== null;
  const opinion = a.milestones.opinion.doneAt !== null;
  const result = a.resultKind !== null;
  const replied = a.state === 'replied' || a.state === 'closed';
  const closed = a.state === 'closed';
  const flags = [accepted, contacted, opinion, result, replied, closed];
  const firstOpen = flags.indexOf(false);
  const current = firstOpen === -1 ? flags.length - 1 : firstOpen;
  const steps: Step[] = [
    {
      key: 'accept',
      title: '签收',
      done: accepted,
      content: accepted ? (
        <Line>{formatDateTime(a.acceptedAt)}</Line>
      ) : (
        <Line>{a.state === 'dispatched' ? '待签收' : a.state === 'returned' ? '已退回，待重新派单' : '待派单'}</Line>
      ),
    },
    milestoneStep(a, 'contact', '联系企业', '2小时', contacted, current === 1),
    milestoneStep(a, 'opinion', '初步意见', '1个工作日', opinion, current === 2),
    milestoneStep(a, 'resolution', '办理结果', '15个工作日', result, current === 3),
    {
      key: 'reply',
      title: '答复企业',
      done: replied,
      content: replied && a.repliedAt ? <Line>{formatDateTime(a.repliedAt)}</Line> : closed ? <Line>—</Line> : <Line>登记结果后答复</Line>,
    },
    {
      key: 'close',
      title: '评价办结',
      done: closed,
      content: closed ? (
        <>
          <Line>{formatDateTime(a.closedAt)}</Line>
          {a.closeReason ? <Line>{CLOSE_REASON_LABELS[a.closeReason as keyof typeof CLOSE_REASON_LABELS] ?? ''}</Line> : null}
        </>
      ) : a.evaluationDueAt ? (
        <Line>评价期限 {formatDeadline(a.evaluationDueAt)}</Line>
      ) : null,
    },
  ];
  return { steps, current };
}

export function AppealSteps({ appeal }: { appeal: AppealDetail }) {
  const { steps, current } = appealSteps(appeal);
  const closed = appeal.state === 'closed';
  return (
    <Steps
      size="small"
      titlePlacement="vertical"
      current={current}
      data-testid="appeal-steps"
      items={steps.map((s, i) => ({
        key: s.key,
        title: (
          <span style={{ whiteSpace: 'nowrap' }}>
            {s.title}
            {s.limit ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
                {s.limit}
              </Typography.Text>
            ) : null}
          </span>
        ),
        status: s.done || (closed && i <= current) ? 'finish' : i === current ? (s.late ? 'error' : 'process') : 'wait',
        content: s.content ? <div data-testid={s.testId}>{s.content}</div> : null,
      }))}
    />
  );
}
