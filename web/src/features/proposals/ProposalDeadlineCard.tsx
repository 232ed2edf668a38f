// R3.3 on the appeal page: the deputy's / member's proposal behind this appeal, its reply deadline
// beside the 2115 milestones, and a link to the proposal.
import { Card, Descriptions } from 'antd';
import { Link } from 'react-router';
import { formatChineseDay } from '../../../../shared/format.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { proposalOfAppeal } from './api.ts';
import { DeadlineTag } from './DeadlineTag.tsx';

export function ProposalDeadlineCard({ appealId }: { appealId: string }) {
  const { data } = useFetch((signal) => proposalOfAppeal(appealId, signal), [appealId], { quietForbidden: true });
  const p = data?.proposal;
  if (!p) return null;
  return (
    <Card size="small" title={`${p.kindLabel}答复期限`} extra={<DeadlineTag state={p.deadlineState} />} data-testid="appeal-proposal-deadline">
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label="建议提案">
          <Link to={toPath(STAFF_ROUTES.proposal, { id: p.id })}>
            {p.session}
            {p.number}
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label="答复期限">
          {formatChineseDay(p.replyDue)}
          {p.round > 1 ? `（第${p.round}轮办理）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="状态">{p.stateLabel}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
