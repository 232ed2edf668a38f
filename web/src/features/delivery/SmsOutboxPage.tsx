// 短信发件箱 (issue 18): the tenant's outbound SMS — evaluation links, meeting and survey invitations,
// notices chosen by users — with their state. Without a configured gateway the page says so: the
// messages wait, and nothing is shown as sent.
import { useState } from 'react';
import { Alert, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SMS_STATUS_LABELS } from '../../../../shared/webhooks.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { useFetch } from '../../ui/useFetch.ts';
import { formatDateTime } from '../../ui/format.ts';
import { smsOutbox, type SmsOutboxPage as Page } from './api.ts';

type Row = Page['items'][number];
const PAGE_SIZE = 20;
const KIND_LABELS: Record<string, string> = {
  evaluation_link: '评价链接',
  roundtable_invitation: '会议邀请',
  survey_invitation: '满意度调查',
  survey_reminder: '调查提醒',
  notice: '通知提醒',
};
const STATUS_COLORS: Record<string, string> = { pending: 'orange', sent: 'green', failed: 'red' };

export default function SmsOutboxPage() {
  const [status, setStatus] = useState<string>('all');
  const [page, setPage] = useState(1);
  const data = useFetch((signal) => smsOutbox({ page, pageSize: PAGE_SIZE, status: status === 'all' ? undefined : status }, signal), [status, page]);
  const d = data.data;

  const columns: TableColumnsType<Row> = [
    { title: '生成时间', dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
    { title: '类别', dataIndex: 'kind', width: 100, render: (v: string) => KIND_LABELS[v] ?? '其他' },
    { title: '手机号', dataIndex: 'toPhone', width: 120 },
    { title: '内容', dataIndex: 'body', ellipsis: true },
    {
      title: '状态',
      key: 'status',
      width: 110,
      render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{SMS_STATUS_LABELS[r.status] ?? '未知'}</Tag>,
    },
    { title: '尝试', dataIndex: 'attempts', width: 60 },
    {
      title: '发送时间 / 失败原因',
      key: 'result',
      width: 200,
      ellipsis: true,
      render: (_, r) => (r.sentAt ? formatDateTime(r.sentAt) : r.lastError ? <Typography.Text type="danger">{r.lastError}</Typography.Text> : '—'),
    },
  ];

  return (
    <PageCard title="短信发件箱" description="系统要发出的短信：答复后的评价链接、会议和调查邀请、用户选择以短信接收的通知提醒。号码和评价链接已脱敏显示。">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {d && !d.gatewayConfigured ? (
          <Alert
            type="warning"
            showIcon
            title="尚未配置短信网关"
            description="短信暂存于发件箱，不会发出，也不会标记为已发送。请运维人员设置 SMS_GATEWAY_URL 等环境变量后重启服务，待发送的短信将按生成顺序发出。"
          />
        ) : null}
        <Space size="large">
          <Statistic title="待发送" value={d?.counts.pending ?? 0} />
          <Statistic title="已发送" value={d?.counts.sent ?? 0} />
          <Statistic title="发送失败" value={d?.counts.failed ?? 0} />
        </Space>
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(String(v));
            setPage(1);
          }}
          options={[
            { label: '全部', value: 'all' },
            { label: '待发送', value: 'pending' },
            { label: '已发送', value: 'sent' },
            { label: '发送失败', value: 'failed' },
          ]}
        />
        <Table<Row>
          rowKey="id"
          size="middle"
          loading={data.loading}
          columns={columns}
          dataSource={d?.items ?? []}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: d?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        />
      </Space>
    </PageCard>
  );
}
