// 联系点: leader points by leader and unit points by unit, with their state and terms (R1.1–R1.9).
// The one primary action: 提出联系点 (unit heads and liaison officers, R1.5 / R1.9).
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Space, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { POINT_STATE_LABELS, type PointKind } from '../../../../shared/contacts.ts';
import { useMe } from '../../auth/session.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { formatDate } from '../../ui/format.ts';
import { listPoints, type ContactPoint } from './api.ts';
import { POINT_STATE_COLORS, PROPOSER_ROLES } from './labels.ts';
import { ProposeModal } from './ProposeModal.tsx';

export function PointStateTag({ p }: { p: Pick<ContactPoint, 'state'> }) {
  return <Tag color={POINT_STATE_COLORS[p.state]}>{POINT_STATE_LABELS[p.state]}</Tag>;
}

export const termText = (p: Pick<ContactPoint, 'termStart' | 'termEnd'>) => (p.termStart && p.termEnd ? `${p.termStart} 至 ${p.termEnd}` : '确认后起算');

export default function ContactPointsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [kind, setKind] = useState<PointKind>('leader');
  const [history, setHistory] = useState(false);
  const [open, setOpen] = useState(false);
  const { data, loading, reload } = useFetch((s) => listPoints({ kind, all: history }, s), [kind, history]);
  const canPropose = me.roles.some((r) => (PROPOSER_ROLES as readonly string[]).includes(r)) && Boolean(me.unit);
  const link = (p: ContactPoint, text: string) => <Link to={toPath(STAFF_ROUTES.contactPoint, { id: p.id })}>{text}</Link>;

  return (
    <Card
      variant="borderless"
      title="联系点"
      extra={
        <Space wrap>
          <Space size={4}>
            <Switch size="small" checked={history} onChange={setHistory} aria-label="含已到期、已撤回" />
            <Typography.Text type="secondary">含已到期、已撤回</Typography.Text>
          </Space>
          <Tooltip title={canPropose ? '' : '由处室负责人或联络员提出'}>
            <Button type="primary" icon={<PlusOutlined />} disabled={!canPropose} onClick={() => setOpen(true)} data-testid="propose-point">
              提出联系点
            </Button>
          </Tooltip>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        厅领导每人联系1至2个重点监管企业，确定1个分管处室为联系处室，每两年轮换；业务处室每个联系1至2个对口企业并指定联络员，每年轮换。遴选由联系处室提出，政策法规处统筹协调，报厅领导确认。
      </Typography.Paragraph>
      <Tabs
        activeKey={kind}
        onChange={(k) => setKind(k as PointKind)}
        items={[
          { key: 'leader', label: '按厅领导' },
          { key: 'unit', label: '按处室' },
        ]}
      />
      <Table<ContactPoint>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(p) => ({ onDoubleClick: () => navigate(toPath(STAFF_ROUTES.contactPoint, { id: p.id })) })}
        locale={{ emptyText: kind === 'leader' ? '暂无厅领导联系点' : '暂无处室联系点' }}
        columns={[
          kind === 'leader'
            ? { title: '厅领导', key: 'leader', width: 140, render: (_, p) => `${p.leaderName ?? ''}${p.leaderTitle ? `（${p.leaderTitle}）` : ''}` }
            : { title: '处室', dataIndex: 'unitName', width: 160 },
          { title: '联系企业', key: 'enterprise', render: (_, p) => link(p, p.enterpriseName) },
          kind === 'leader'
            ? { title: '联系处室', dataIndex: 'unitName', width: 160 }
            : { title: '联络员', dataIndex: 'liaisonName', width: 120, render: (v: string | null) => v ?? '—' },
          { title: '状态', key: 'state', width: 110, render: (_, p) => <PointStateTag p={p} /> },
          { title: '任期', key: 'term', width: 220, render: (_, p) => termText(p) },
          {
            title: '说明',
            key: 'note',
            width: 220,
            render: (_, p) =>
              p.state === 'confirmed' && p.renewalFrom && p.renewalFrom <= formatDate(new Date()) ? (
                <Tag color="orange">任期将满，请启动下一轮遴选</Tag>
              ) : p.overlapAccepted ? (
                <Typography.Text type="secondary">同意与{p.overlapAccepted}重叠</Typography.Text>
              ) : p.reason ? (
                <Typography.Text type="secondary" ellipsis={{ tooltip: p.reason }} style={{ maxWidth: 200 }}>
                  {p.reason}
                </Typography.Text>
              ) : null,
          },
        ]}
      />
      <ProposeModal
        open={open}
        onClose={() => setOpen(false)}
        onDone={(p) => {
          setOpen(false);
          reload();
          navigate(toPath(STAFF_ROUTES.contactPoint, { id: p.id }));
        }}
      />
    </Card>
  );
}
