// The point page: who and what, the term (R1.3, R1.7), the year's visits against the quota (R1.4,
// R1.8), the selection actions the caller may take (one primary), the timeline, and the visits with
// their follow-ups. 记录走访 opens the visit form for a confirmed point.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, Col, Descriptions, Empty, Progress, Row, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, FormOutlined } from '@ant-design/icons';
import { PACE_LABELS, POINT_ACTION_LABELS, POINT_EVENT_LABELS, POINT_KIND_LABELS, POINT_STATE_LABELS, type PointAction } from '../../../../shared/contacts.ts';
import { useMe } from '../../auth/session.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { FullPageSpin } from '../../ui/FullPageSpin.tsx';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { getPoint, listRecords, yearView, type ContactPointDetail } from './api.ts';
import { PointStateTag, termText } from './ContactPointsPage.tsx';
import { PACE_COLORS, RECORDER_ROLES } from './labels.ts';
import { PointActionModal } from './PointActionModal.tsx';
import { RecordList } from './RecordList.tsx';

type Act = Exclude<PointAction, 'expire'>;

function eventText(e: ContactPointDetail['events'][number]) {
  const p = e.payload as {
    reason?: string;
    enterprise?: { from: string; to: string };
    overlapAccepted?: string;
    term?: { termStart: string; termEnd: string };
    enterpriseName?: string;
  };
  const parts: string[] = [];
  if (p.enterpriseName && e.type === 'propose') parts.push(`企业：${p.enterpriseName}`);
  if (p.enterprise) parts.push(`企业由「${p.enterprise.from}」改为「${p.enterprise.to}」`);
  if (p.overlapAccepted) parts.push(`同意与${p.overlapAccepted}重叠`);
  if (p.term) parts.push(`任期 ${p.term.termStart} 至 ${p.term.termEnd}`);
  if (p.reason) parts.push(p.reason);
  return parts.join('；');
}

export default function ContactPointPage() {
  const { id } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const { data: p, loading, reload } = useFetch((s) => getPoint(id!, s), [id]);
  const year = Number(formatDate(new Date()).slice(0, 4));
  const records = useFetch((s) => listRecords({ pointId: id! }, s), [id]);
  const quota = useFetch((s) => yearView(year, s), [year]);
  const [action, setAction] = useState<Act | null>(null);

  if (loading && !p) return <FullPageSpin />;
  if (!p) return <Empty description="联系点不存在或无权查看" />;

  const item = quota.data?.items.find((i) => i.id === p.id);
  const acts = p.allowedActions.filter((a): a is Act => a !== 'expire');
  const canRecord = me.roles.some((r) => (RECORDER_ROLES as readonly string[]).includes(r));
  const recordReason = p.state !== 'confirmed' ? '联系点确认后才能记录走访' : !canRecord ? '您的角色不记录走访' : '';
  // One primary action: the workflow step when there is one, otherwise 记录走访.
  const primaryIsStep = acts.length > 0;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        variant="borderless"
        title={
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label="返回" />
            <span>{p.enterpriseName}</span>
            <Tag>{POINT_KIND_LABELS[p.kind]}</Tag>
            <PointStateTag p={p} />
          </Space>
        }
        extra={
          <Space wrap>
            {acts.map((a, i) => (
              <Button
                key={a}
                type={primaryIsStep && i === 0 ? 'primary' : 'default'}
                danger={a === 'withdraw'}
                onClick={() => setAction(a)}
                data-testid={`point-${a}`}
              >
                {POINT_ACTION_LABELS[a]}
              </Button>
            ))}
            <Tooltip title={recordReason}>
              <Button
                type={primaryIsStep ? 'default' : 'primary'}
                icon={<FormOutlined />}
                disabled={Boolean(recordReason)}
                onClick={() => navigate(`${STAFF_ROUTES.visitNew}?pointId=${p.id}`)}
                data-testid="record-visit"
              >
                记录走访
              </Button>
            </Tooltip>
          </Space>
        }
      >
        {p.overlaps.length ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={`该企业同时是 ${p.overlaps.map((o) => `${o.holder}（${POINT_STATE_LABELS[o.state]}）`).join('、')} 的联系点`}
            description={p.overlapAccepted ? '政策法规处已同意重叠。' : '统筹协调时须由政策法规处同意重叠。'}
          />
        ) : null}
        {p.state === 'returned' && p.reason ? <Alert type="error" showIcon style={{ marginBottom: 12 }} message={`退回理由：${p.reason}`} /> : null}
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="企业">
            <Link to={toPath(STAFF_ROUTES.enterprise, { id: p.enterpriseId })} data-testid="point-enterprise">
              {p.enterpriseName}
            </Link>
          </Descriptions.Item>
          {p.kind === 'leader' ? <Descriptions.Item label="厅领导">{`${p.leaderName ?? ''}（${p.leaderTitle ?? ''}）`}</Descriptions.Item> : null}
          <Descriptions.Item label={p.kind === 'leader' ? '联系处室' : '处室'}>{p.unitName}</Descriptions.Item>
          {p.kind === 'unit' ? <Descriptions.Item label="联络员">{p.liaisonName ?? '—'}</Descriptions.Item> : null}
          <Descriptions.Item label="任期">{termText(p)}</Descriptions.Item>
          <Descriptions.Item label="下一轮遴选">{p.renewalFrom ? `${p.renewalFrom} 起启动` : '—'}</Descriptions.Item>
          <Descriptions.Item label="确认时间">{formatDateTime(p.confirmedAt)}</Descriptions.Item>
          <Descriptions.Item label={`${year}年走访`}>
            {item ? (
              <Space>
                <Progress
                  percent={Math.round((Math.min(item.visits, item.required) / item.required) * 100)}
                  size="small"
                  style={{ width: 120 }}
                  showInfo={false}
                />
                <span>
                  {item.visits} / {item.required} 次
                </span>
                <Tag color={PACE_COLORS[item.pace]}>{PACE_LABELS[item.pace]}</Tag>
              </Space>
            ) : (
              '—'
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card variant="borderless" title="走访记录与后续措施">
            <RecordList items={records.data?.items ?? []} loading={records.loading} empty="暂无走访记录" />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card variant="borderless" title="遴选与任期" data-testid="point-timeline">
            <Timeline
              items={p.events.map((e) => ({
                color: e.type === 'return' || e.type === 'send_back' ? 'red' : e.type === 'confirm' ? 'green' : 'blue',
                content: (
                  <div>
                    <Typography.Text strong>{POINT_EVENT_LABELS[e.type] ?? '操作'}</Typography.Text>
                    <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                      {formatDateTime(e.at)} · {e.actorName}
                    </Typography.Text>
                    {eventText(e) ? <div style={{ whiteSpace: 'pre-wrap' }}>{eventText(e)}</div> : null}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <PointActionModal
        point={p}
        action={action}
        onClose={() => setAction(null)}
        onConflict={reload}
        onDone={() => {
          setAction(null);
          reload();
        }}
      />
    </Space>
  );
}
