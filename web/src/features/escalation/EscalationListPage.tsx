// 议题与批示 (issue 17): R6.3 厅长办公会 agenda items across appeals (filters: state, meeting date;
// open follow-up actions with their unit and deadline) and 领导批示 by state (a leader's own 批示,
// a unit's to 签收, every visible one for 办公室). Rows link to their appeal; the server scopes them.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DatePicker, Radio, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { AGENDA_STATE_LABELS, AGENDA_STATES, INSTRUCTION_STATE_LABELS, INSTRUCTION_STATES } from '../../../../shared/escalation.ts';
import { useMe } from '../../auth/session.ts';
import { formatDateTime, formatDeadline } from '../../ui/format.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { useFetch } from '../../ui/useFetch.ts';
import { listAgenda, listInstructions, type AgendaList, type InstructionView } from './api.ts';
import { INSTRUCTION_STATE_COLORS } from './InstructionCard.tsx';

type AgendaRow = AgendaList['items'][number];
const AGENDA_COLORS: Record<AgendaRow['state'], string> = { proposed: 'gold', scheduled: 'blue', decided: 'green', withdrawn: 'default' };

function AppealCell({ id, number, title }: { id: string; number: string; title: string }) {
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {number}
      </Typography.Text>
      <div>
        <Link to={`/appeals/${id}`}>{title}</Link>
      </div>
    </div>
  );
}

function AgendaTab() {
  const [state, setState] = useState<string>('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const { data, loading } = useFetch((signal) => listAgenda({ state: state || undefined, from, to }, signal), [state, from, to]);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Radio.Group
          optionType="button"
          value={state}
          onChange={(e) => setState(e.target.value)}
          options={[{ value: '', label: '全部' }, ...AGENDA_STATES.map((s) => ({ value: s, label: AGENDA_STATE_LABELS[s] }))]}
        />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} placeholder={['会议日期起', '会议日期止']} allowEmpty={[true, true]} />
      </Space>
      <Table<AgendaRow>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: 1000 }}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 项` }}
        locale={{ emptyText: '暂无厅长办公会议题' }}
        columns={[
          { title: '诉求', key: 'appeal', width: 220, render: (_, r) => <AppealCell id={r.appealId} number={r.appealNumber} title={r.appealTitle} /> },
          {
            title: '议题',
            key: 'title',
            width: 220,
            render: (_, r) => (
              <div>
                <div>{r.title}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  提报：{r.unitName}
                </Typography.Text>
              </div>
            ),
          },
          {
            title: '状态',
            dataIndex: 'state',
            width: 100,
            render: (s: AgendaRow['state']) => <Tag color={AGENDA_COLORS[s]}>{AGENDA_STATE_LABELS[s]}</Tag>,
          },
          {
            title: '会议日期',
            dataIndex: 'meetingDate',
            width: 100,
            render: (d: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{d ?? '未安排'}</span>,
          },
          {
            title: '未办结的落实事项（责任处室 · 完成时限）',
            key: 'actions',
            render: (_, r) => {
              const open = r.actions.filter((x) => !x.done);
              const done = r.actions.length - open.length;
              if (!r.actions.length) return <Typography.Text type="secondary">—</Typography.Text>;
              return (
                <div>
                  {open.map((x) => (
                    <div key={x.id}>
                      <div>{x.description}</div>
                      <Typography.Text type={dayjs(x.dueAt).isBefore(dayjs()) ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                        {x.unitName} · {formatDeadline(x.dueAt)}
                      </Typography.Text>
                    </div>
                  ))}
                  {done ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      已办结 {done} 项
                    </Typography.Text>
                  ) : null}
                </div>
              );
            },
          },
        ]}
      />
      {data?.truncated ? <Typography.Text type="secondary">仅显示前 500 项，请按状态或会议日期筛选。</Typography.Text> : null}
    </Space>
  );
}

function InstructionTab({ state, setState }: { state: string; setState: (s: string) => void }) {
  const { data, loading } = useFetch((signal) => listInstructions({ state: state || undefined }, signal), [state]);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Radio.Group
        optionType="button"
        value={state}
        onChange={(e) => setState(e.target.value)}
        options={[{ value: '', label: '全部' }, ...INSTRUCTION_STATES.map((s) => ({ value: s, label: INSTRUCTION_STATE_LABELS[s] }))]}
      />
      <Table<InstructionView>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: 1000 }}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 条` }}
        locale={{ emptyText: '暂无领导批示' }}
        columns={[
          { title: '诉求', key: 'appeal', width: 220, render: (_, r) => <AppealCell id={r.appealId} number={r.appealNumber} title={r.appealTitle} /> },
          {
            title: '批示',
            key: 'text',
            render: (_, r) => (
              <div>
                <div>{r.text}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.leaderName} · {formatDateTime(r.issuedAt)}
                  {r.dueAt ? ` · 要求完成：${formatDeadline(r.dueAt)}` : ''}
                </Typography.Text>
              </div>
            ),
          },
          { title: '主办处室', dataIndex: 'unitName', width: 140 },
          {
            title: '状态',
            dataIndex: 'state',
            width: 90,
            render: (s: InstructionView['state']) => <Tag color={INSTRUCTION_STATE_COLORS[s]}>{INSTRUCTION_STATE_LABELS[s]}</Tag>,
          },
          {
            title: '签收与落实情况',
            key: 'progress',
            width: 260,
            render: (_, r) =>
              r.reportedAt ? (
                <div>
                  {r.report}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    （{r.reportedByName}）
                  </Typography.Text>
                </div>
              ) : r.acknowledgedAt ? (
                <Typography.Text type="secondary">
                  {r.acknowledgedByName} 已签收{r.acknowledgeNote ? `：${r.acknowledgeNote}` : ''}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">待主办处室签收</Typography.Text>
              ),
          },
        ]}
      />
    </Space>
  );
}

export default function EscalationListPage() {
  const leader = useMe().roles.includes('leader');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'instructions' ? 'instructions' : 'agenda';
  const istate = params.get('state') ?? '';
  const set = (next: Record<string, string>) => setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v)), { replace: true });
  return (
    <PageCard title="议题与批示" description="厅长办公会议题及其落实事项、领导批示的签收与落实情况；点击诉求标题查看详情。">
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k === 'agenda' ? '' : k })}
        items={[
          { key: 'agenda', label: '厅长办公会议题', children: <AgendaTab /> },
          {
            key: 'instructions',
            label: leader ? '我的批示' : '领导批示',
            children: <InstructionTab state={istate} setState={(s) => set({ tab: 'instructions', state: s })} />,
          },
        ]}
      />
    </PageCard>
  );
}
