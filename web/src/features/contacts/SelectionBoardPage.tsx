// 遴选工作台: the pending selections by step (R1.5, R1.9) — 待统筹协调 (政策法规处), 已退回 (the
// proposing unit), 待领导确认 (the leader / the leaders in charge). Each card opens the point page,
// where the allowed actions are.
import { Link } from 'react-router';
import { Badge, Card, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import { POINT_KIND_LABELS, POINT_STATE_LABELS, type PointState } from '../../../../shared/contacts.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { listPoints, type ContactPoint } from './api.ts';
import { POINT_STATE_COLORS } from './labels.ts';

const COLUMNS: { state: PointState; who: string }[] = [
  { state: 'proposed', who: '政策法规处统筹协调' },
  { state: 'returned', who: '联系处室修改后重新报送' },
  { state: 'leader_review', who: '厅领导提出意见、确认' },
];

export default function SelectionBoardPage() {
  const { data, loading } = useFetch((s) => listPoints({}, s), []);
  const items = data?.items ?? [];
  return (
    <Card variant="borderless" title="联系点遴选工作台" loading={loading && !data}>
      <Typography.Paragraph type="secondary">
        厅领导联系点：联系处室提出 → 政策法规处统筹协调（通过、退回、改荐） → 厅领导提出意见 → 确认；处室联系点：处室选定 → 政策法规处统筹协调 →
        报分管厅领导确认。带“待我处理”的是您可以操作的。
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {COLUMNS.map((c) => {
          const col = items.filter((p) => p.state === c.state);
          return (
            <Col xs={24} md={8} key={c.state}>
              <Card
                size="small"
                title={
                  <Space>
                    <Tag color={POINT_STATE_COLORS[c.state]}>{POINT_STATE_LABELS[c.state]}</Tag>
                    <Badge count={col.length} showZero color="#737373" />
                  </Space>
                }
                extra={<Typography.Text type="secondary">{c.who}</Typography.Text>}
                data-testid={`board-${c.state}`}
              >
                {col.length ? (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    {col.map((p) => (
                      <BoardCard key={p.id} p={p} />
                    ))}
                  </Space>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无" />
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}

function BoardCard({ p }: { p: ContactPoint }) {
  const mine = p.allowedActions.some((a) => a !== 'withdraw');
  return (
    <Link to={toPath(STAFF_ROUTES.contactPoint, { id: p.id })} style={{ display: 'block' }}>
      <Card size="small" hoverable styles={{ body: { padding: 12 } }}>
        <Space direction="vertical" size={2} style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text strong>{p.enterpriseName}</Typography.Text>
            {mine ? <Tag color="red">待我处理</Tag> : null}
          </Space>
          <Typography.Text type="secondary">
            {POINT_KIND_LABELS[p.kind]} ·{' '}
            {p.kind === 'leader' ? `${p.leaderName ?? ''} · 联系处室 ${p.unitName}` : `${p.unitName} · 联络员 ${p.liaisonName ?? '—'}`}
          </Typography.Text>
          {p.reason ? (
            <Typography.Text type="secondary" ellipsis>
              {p.reason}
            </Typography.Text>
          ) : null}
        </Space>
      </Card>
    </Link>
  );
}
