// 转市局办理 (R3.2): appeals the province transferred to a city bureau. The case files belong to the
// cities now; the province sees their status read-only (GET /api/appeals/transferred-out), so the
// rows do not link to an appeal page.
import { useState } from 'react';
import { Table, Tag, Typography } from 'antd';
import { useFetch } from '../../ui/useFetch.ts';
import { formatDateTime } from '../../ui/format.ts';
import { APPEAL_STATE_LABELS, CLOSE_REASON_LABELS, STATE_COLORS } from './labels.ts';
import { transferredOut, type TransferredOutItem } from './api.ts';

const done = (at: string | null) => (at ? formatDateTime(at) : <Typography.Text type="secondary">未完成</Typography.Text>);

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
        scroll={{ x: 1560 }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data?.total ?? 0,
          showTotal: (t) => `共 ${t} 件`,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          { title: '编号', dataIndex: 'number', width: 190 },
          { title: '标题', dataIndex: 'title', width: 280, ellipsis: true },
          { title: '承办市局', dataIndex: 'tenantName', width: 170 },
          {
            title: '市局办理状态',
            dataIndex: 'state',
            width: 150,
            render: (s: TransferredOutItem['state'], r) => (
              <Tag color={STATE_COLORS[s]}>
                {APPEAL_STATE_LABELS[s]}
                {r.closeReason ? `·${CLOSE_REASON_LABELS[r.closeReason as keyof typeof CLOSE_REASON_LABELS] ?? ''}` : ''}
              </Tag>
            ),
          },
          { title: '受理时间', dataIndex: 'receivedAt', width: 150, render: formatDateTime },
          { title: '联系企业', dataIndex: 'contactDoneAt', width: 150, render: done },
          { title: '初步意见', dataIndex: 'opinionDoneAt', width: 150, render: done },
          { title: '办结', dataIndex: 'resolutionDoneAt', width: 150, render: done },
          { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: formatDateTime },
        ]}
      />
    </>
  );
}
