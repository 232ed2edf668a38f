// R3.3 the reply period's state as a coloured tag (办理期内 / 即将到期 / 已超期 / 按期答复 / 超期答复).
import { Tag } from 'antd';
import { PROPOSAL_DEADLINE_LABELS, type ProposalDeadlineState } from '../../../../shared/proposals.ts';

const COLORS: Record<ProposalDeadlineState, string> = { on_track: 'blue', due_soon: 'orange', overdue: 'red', met_on_time: 'green', met_late: 'volcano' };

export function DeadlineTag({ state }: { state: ProposalDeadlineState }) {
  return <Tag color={COLORS[state]}>{PROPOSAL_DEADLINE_LABELS[state]}</Tag>;
}
