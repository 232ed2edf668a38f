// The enterprise page's card (issue 14): the enterprise's contact points, its visits and other field
// records (with their appeals).
import { Link } from 'react-router';
import { Card, Space, Tag, Typography } from 'antd';
import { POINT_KIND_LABELS } from '../../../../shared/contacts.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { listAppeals } from '../appeals/api.ts';
import { APPEAL_STATE_LABELS } from '../../../../shared/appeals.ts';
import { formatDate } from '../../ui/format.ts';
import { listPoints, listRecords } from './api.ts';
import { PointStateTag, termText } from './ContactPointsPage.tsx';
import { RecordList } from './RecordList.tsx';

export function EnterpriseContactsCard({ enterpriseId }: { enterpriseId: string }) {
  const points = useFetch((s) => listPoints({ enterpriseId, all: true }, s), [enterpriseId], { quietForbidden: true });
  const records = useFetch((s) => listRecords({ enterpriseId }, s), [enterpriseId], { quietForbidden: true });
  const appeals = useFetch((s) => listAppeals({ enterpriseId, sort: 'received', pageSize: '10' }, s), [enterpriseId], { quietForbidden: true });
  return (
    <Card variant="borderless" title="联系点、走访、现场记录与诉求" data-testid="enterprise-contacts">
      <Space direction="vertical" style={{ width: '100%' }}>
        {(points.data?.items ?? []).length ? (
          (points.data?.items ?? []).map((p) => (
            <Space key={p.id} wrap>
              <Tag>{POINT_KIND_LABELS[p.kind]}</Tag>
              <Link to={toPath(STAFF_ROUTES.contactPoint, { id: p.id })}>
                {p.kind === 'leader' ? `${p.leaderName ?? ''}（联系处室 ${p.unitName}）` : p.unitName}
              </Link>
              <PointStateTag p={p} />
              <Typography.Text type="secondary">{termText(p)}</Typography.Text>
            </Space>
          ))
        ) : (
          <Typography.Text type="secondary">不是联系点</Typography.Text>
        )}
        <RecordList items={records.data?.items ?? []} loading={records.loading} empty="暂无走访、核查或检查记录" />
        <Typography.Title level={5} style={{ marginTop: 8 }}>
          诉求{appeals.data ? `（您可查看的 ${appeals.data.total}${appeals.data.totalCapped ? '+' : ''} 件）` : ''}
        </Typography.Title>
        {(appeals.data?.items ?? []).length ? (
          (appeals.data?.items ?? []).map((a) => (
            <Space key={a.id} wrap>
              <Link to={toPath(STAFF_ROUTES.appeal, { id: a.id })}>{a.number}</Link>
              <span>{a.title}</span>
              <Tag>{APPEAL_STATE_LABELS[a.state]}</Tag>
              <Typography.Text type="secondary">{formatDate(a.receivedAt)}</Typography.Text>
            </Space>
          ))
        ) : (
          <Typography.Text type="secondary">暂无诉求</Typography.Text>
        )}
      </Space>
    </Card>
  );
}
