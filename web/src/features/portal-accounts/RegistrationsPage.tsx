// 企业注册审核 (issue 7, intake): enterprises' self-registration requests by status; a request opens
// next to the registry record with the same USCC to approve or reject.
import { useState } from 'react';
import { Button, Segmented, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PageCard } from '../../ui/PageCard.tsx';
import { useFetch } from '../../ui/useFetch.ts';
import { formatDateTime } from '../../ui/format.ts';
import { RegistrationDrawer } from './RegistrationDrawer.tsx';
import { listRegistrations, type Registration, type RegistrationStatus } from './api.ts';
import { REGISTRATION_STATUS_COLORS, REGISTRATION_STATUS_LABELS } from './labels.ts';

type Filter = RegistrationStatus | 'all';
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'pending', label: '待审核' },
  { value: 'approved', label: '已通过' },
  { value: 'rejected', label: '已驳回' },
  { value: 'all', label: '全部' },
];
const PAGE_SIZE = 20;

export default function RegistrationsPage() {
  const [status, setStatus] = useState<Filter>('pending');
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useFetch((signal) => listRegistrations({ status: status === 'all' ? undefined : status, page, pageSize: PAGE_SIZE }, signal), [status, page]);

  const columns: TableColumnsType<Registration> = [
    { title: '申请时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    { title: '企业名称', dataIndex: 'enterpriseName', ellipsis: true },
    { title: '统一社会信用代码', dataIndex: 'uscc', width: 190 },
    { title: '联系人', dataIndex: 'contactName', width: 100 },
    { title: '手机号码', dataIndex: 'mobile', width: 130 },
    { title: '用户名', dataIndex: 'username', width: 190, ellipsis: true },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: RegistrationStatus) => <Tag color={REGISTRATION_STATUS_COLORS[s]}>{REGISTRATION_STATUS_LABELS[s]}</Tag>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setOpenId(r.id)}>
          {r.status === 'pending' ? '审核' : '查看'}
        </Button>
      ),
    },
  ];

  return (
    <PageCard title="企业注册审核" description="企业在门户自助注册后，由受理人员与企业名录核对（统一社会信用代码、企业名称、监管处室）后开通账号或驳回。">
      <Segmented<Filter>
        options={FILTERS}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        style={{ marginBottom: 16 }}
      />
      <Table<Registration>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (t) => `共 ${t} 条`,
          showSizeChanger: false,
        }}
        onRow={(r) => ({ onDoubleClick: () => setOpenId(r.id) })}
        scroll={{ x: 1000 }}
        locale={{ emptyText: status === 'pending' ? '暂无待审核的注册申请' : '暂无记录' }}
      />
      <RegistrationDrawer id={openId} onClose={() => setOpenId(null)} onDecided={list.reload} />
    </PageCard>
  );
}
