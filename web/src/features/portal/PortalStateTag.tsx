// The appeal's state as the enterprise is told it (issue 17): 受理中 / 办理中 / 已答复待评价 / 已办结 —
// never an internal queue such as 已退回 — in calm colours; the one needing the enterprise stands out.
import { Tag } from 'antd';
import { PORTAL_APPEAL_STATE_LABELS, type PortalAppealState } from '../../../../shared/appeals.ts';

const COLORS: Record<PortalAppealState, string> = {
  accepting: 'cyan',
  handling: 'blue',
  replied: 'orange',
  closed: 'green',
};

export function PortalStateTag({ state }: { state: PortalAppealState }) {
  return (
    <Tag color={COLORS[state]} style={{ marginInlineEnd: 0 }} data-testid="portal-state">
      {PORTAL_APPEAL_STATE_LABELS[state]}
    </Tag>
  );
}
