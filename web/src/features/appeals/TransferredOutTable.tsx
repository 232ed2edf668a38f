// 转市局办理 (R3.2): appeals the province transferred to a city bureau. The case files belong to the
// cities now; the province sees their status read-only (GET /api/appeals/transferred-out), so the
// rows do not link to an appeal page.
import { useState } from 'react';
import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { columnsWidth } from '../../ui/columns.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { formatDateTime } from '../../ui/format.ts';
import { APPEAL_STATE_LABELS, CLOSE_REASON_LABELS, STATE_COLORS } from './labels.ts';
import { transferredOut, type TransferredOutItem } from './api.ts';

const done = (at: string | null) => (at ? formatDateTime(at) : <Typography.Text type="secondary">未完成</Typography.Text>);

/**
 * Column widths: together ≈ the content area beside the menu of a 1366-pixel window, so no column is out
 * of sight there; a time wraps after its date (2026-12-06 / 21:33).
 */
const W = { appeal: 220, city: 130, state: 120, time: 96 };

const COLUMNS: TableColumnsType<TransferredOutItem> = [
  {
    title: '诉求',
    key: 'appeal',
    width: W.appeal,
    render: (_, r) => (
      <div>
        <div style={{ whiteSpace: 'nowrap' }}>{r.number}</div>
        <Typography.Text type="secondary" ellipsis={{ tooltip: r.title }} style={{ maxWidth: W.appeal - 16 }}>
          {r.title}
        </Typography.Text>
      </div>
    ),
  },
  { title: '承办市局', dataIndex: 'tenantName', width: W.city },
  {
    title: '市局办理状态',
    dataIndex: 'state',
    width: W.state,
    render: (s: TransferredOutItem['state'], r) => (
      <Tag color={STATE_COLORS[s]}>
        {APPEAL_STATE_LABELS[s]}
        {r.closeReason ? `·${CLOSE_REASON_LABELS[r.closeReason as keyof typeof CLOSE_REASON_LABELS] ?? ''}` : ''}
      </Tag>
    ),
  },
  { title: '受理时间', dataIndex: 'receivedAt', width: W.time, render: formatDateTime },
  {
    title: '节点完成时间',
    children: [
      { title: '联系企业', dataIndex: 'contactDoneAt', width: W.time, render: done },
      { title: '初步意见', dataIndex: 'opinionDoneAt', width: W.time, render: done },
      { title: '办结', dataIndex: 'resolutionDoneAt', width: W.time, render: done },
    ],
  },
  { title: '更新时间', dataIndex: 'updatedAt', width: W.time, render: formatDateTime },
];

export function TransferredOutTable() {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const { data, loading } = useFetch((signal) => transferredOut({ page: page.page, pageSize: page.pageSize }, signal), [page]);
  return (
    <>
      <Typography.Paragraph type="secondary">已转市应急局办理的诉求：案卷由市局办理，此处只读显示办理状态和各节点完成时间。</Typography.Paragraph>
      <Table<TransferredOutItem>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="transferred-out"
        scroll={{ x: columnsWidth(COLUMNS) }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data?.total ?? 0,
          showTotal: (t) => `共 ${t} 件`,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={COLUMNS}
      />
    </>
  );
}
