// 鲁力办督办 (R6.6): the appeals supervised on the 鲁力办 platform, for 办公室 — searchable by the
// platform's reference, the platform's deadline beside the "2115" ones, and 催办 from the list.
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Radio, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { api } from '../../api/client.ts';
import type { LulibanItem, LulibanList } from '../../../../shared/api/appeal-rules.ts';
import { useMe } from '../../auth/session.ts';
import { columnsWidth } from '../../ui/columns.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { ScrollRegion } from '../../ui/ScrollRegion.tsx';
import { formatDateTime, formatDeadline } from '../../ui/format.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { AppealNumberTitle } from './AppealTable.tsx';
import { Countdown } from './Countdown.tsx';
import { APPEAL_STATE_LABELS, MILESTONE_LABELS, STATE_COLORS } from './labels.ts';

/** States in which 办公室 may urge (the transition table's `urge`). */
const URGEABLE = new Set(['dispatched', 'handling', 'paused']);

/**
 * Column widths: together ≈ the content area beside the menu of a 1366-pixel window, so no column is out
 * of sight there (the 办结 deadline shows under the next one; state and lead unit share a column).
 */
const W = { ref: 140, title: 250, platform: 170, due: 190, state: 150, urge: 136 };

export default function LulibanPage() {
  const me = useMe();
  const { message } = App.useApp();
  const onError = useApiError();
  const [q, setQ] = useState('');
  const [scope, setScope] = useState<'open' | 'overdue' | 'all'>('open');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [urging, setUrging] = useState<LulibanItem | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const isOffice = me.roles.includes('intake');
  const { data, loading, reload } = useFetch(
    (signal) =>
      api.get<LulibanList>(
        '/luliban',
        {
          q: q || undefined,
          open: scope === 'open' ? true : undefined,
          overdue: scope === 'overdue' ? true : undefined,
          page: page.page,
          pageSize: page.pageSize,
        },
        signal,
      ),
    [q, scope, page],
  );

  const urge = async () => {
    if (!urging) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.post(`/appeals/${urging.id}/urge`, { version: urging.version, note: v.note });
      message.success(`已催办 ${urging.number}`);
      setUrging(null);
      reload();
    } catch (err) {
      onError(err, { form });
      reload();
    } finally {
      setBusy(false);
    }
  };

  const urgeRefusal = (a: LulibanItem) =>
    !isOffice ? '只有办公室（受理人员）可以催办' : URGEABLE.has(a.state) ? null : `诉求当前为「${APPEAL_STATE_LABELS[a.state]}」，不能催办`;

  const columns: TableColumnsType<LulibanItem> = [
    {
      title: '平台编号',
      dataIndex: 'lulibanRef',
      width: W.ref,
      render: (v: string) => <Typography.Text style={{ whiteSpace: 'nowrap' }}>{v}</Typography.Text>,
    },
    {
      title: '诉求',
      key: 'title',
      width: W.title,
      render: (_, a) => <AppealNumberTitle a={a} />,
    },
    {
      title: '平台办理时限',
      key: 'platform',
      width: W.platform,
      render: (_, a) =>
        a.lulibanDueAt ? (
          <div>
            <Typography.Text type={a.lulibanOverdue ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
              {formatDeadline(a.lulibanDueAt, { year: true })}
            </Typography.Text>
            {a.closedAt ? null : (
              <div>
                <Countdown dueAt={a.lulibanDueAt} dueSoon={false} />
              </div>
            )}
          </div>
        ) : (
          <Typography.Text type="secondary">未填写</Typography.Text>
        ),
    },
    {
      title: '“2115”时限',
      key: 'due',
      width: W.due,
      render: (_, a) => {
        if (a.deadlineError) return <Tooltip title={a.deadlineError.message}>时限待计算</Tooltip>;
        if (!a.nextDueAt || !a.nextMilestone) return <Typography.Text type="secondary">—</Typography.Text>;
        // The next milestone's name, its last moment and the countdown, each on a line of its own
        // (the name and the deadline on one line overflowed the column); then the 办结 deadline,
        // which the platform's is compared with.
        const nowrap = { whiteSpace: 'nowrap' } as const;
        return (
          <div>
            <Typography.Text type="secondary" style={{ ...nowrap, fontSize: 12 }}>
              {MILESTONE_LABELS[a.nextMilestone]}
            </Typography.Text>
            <div style={nowrap}>{formatDeadline(a.nextDueAt)}</div>
            <Countdown
              dueAt={a.nextDueAt}
              dueSoon={a.milestones[a.nextMilestone].state === 'due_soon'}
              workdaysLeft={a.milestones[a.nextMilestone].workdaysLeft}
            />
            {a.nextMilestone !== 'resolution' && a.milestones.resolution.dueAt ? (
              <div>
                <Typography.Text type="secondary" style={{ ...nowrap, fontSize: 12 }}>
                  办结 {formatDeadline(a.milestones.resolution.dueAt)}
                </Typography.Text>
              </div>
            ) : null}
          </div>
        );
      },
    },
    {
      title: '状态 · 主办处室',
      key: 'state',
      width: W.state,
      render: (_, a) => (
        <div>
          <Tag color={STATE_COLORS[a.state]}>{APPEAL_STATE_LABELS[a.state]}</Tag>
          <Typography.Text ellipsis={{ tooltip: a.leadUnitName ?? undefined }} style={{ display: 'block', maxWidth: W.state - 16 }}>
            {a.leadUnitName ?? '待派单'}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '催办',
      key: 'urge',
      width: W.urge,
      fixed: 'right',
      render: (_, a) => {
        const refusal = urgeRefusal(a);
        return (
          <Space direction="vertical" size={0}>
            <Tooltip title={refusal}>
              <Button
                size="small"
                disabled={!!refusal}
                onClick={() => {
                  form.resetFields();
                  setUrging(a);
                }}
                data-testid={`urge-${a.lulibanRef}`}
              >
                催办
              </Button>
            </Tooltip>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {a.urgeCount ? `已催办${a.urgeCount}次` : '未催办'}
            </Typography.Text>
            {a.urgeCount ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {formatDateTime(a.lastUrgedAt)}
              </Typography.Text>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <PageCard title="鲁力办督办" description="在鲁力办平台督办的诉求：平台编号、平台办理时限与“2115”时限并列，办公室可在此催办。">
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="平台编号、诉求编号或标题"
          onSearch={(v) => {
            setQ(v.trim());
            setPage((p) => ({ ...p, page: 1 }));
          }}
          style={{ width: 300 }}
          data-testid="luliban-search"
        />
        <Radio.Group
          optionType="button"
          value={scope}
          onChange={(e) => {
            setScope(e.target.value);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'open', label: '办理中' },
            { value: 'overdue', label: '超过平台时限' },
            { value: 'all', label: '全部' },
          ]}
        />
      </Space>
      <ScrollRegion label="鲁力办督办诉求列表">
        <Table<LulibanItem>
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={data?.items ?? []}
          scroll={{ x: columnsWidth(columns) }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: data?.total ?? 0,
            showTotal: (t) => `共 ${t} 件`,
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
          columns={columns}
        />
      </ScrollRegion>
      <Modal
        open={!!urging}
        title={urging ? `催办 ${urging.number}` : ''}
        okText="催办"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void urge()}
        onCancel={() => setUrging(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="note"
            label="催办说明"
            rules={[{ required: true, whitespace: true, message: '请填写催办说明' }]}
            initialValue={urging ? `鲁力办督办（${urging.lulibanRef}），请按平台时限办理` : ''}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </PageCard>
  );
}
