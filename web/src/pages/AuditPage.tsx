import { useMemo, useState } from 'react';
import { AutoComplete, Button, DatePicker, Descriptions, Form, Input, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { api, toQueryString } from '../api/client.ts';
import type { Query } from '../api/client.ts';
import type { AuditEntry, ListResponse } from '../api/types.ts';
import { AuditDiff } from '../components/AuditDiff.tsx';
import { PageCard } from '../components/PageCard.tsx';
import { useFetch } from '../components/useFetch.ts';
import { formatDateTime, pickedToIso } from '../utils/format.ts';

interface FilterForm {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  entity?: string;
  action?: string;
}

interface Filters {
  from?: string;
  to?: string;
  actor?: string;
  entity?: string;
  action?: string;
}

// Suggestions only (values the server records today); any value matching the pattern is accepted.
const ENTITY_LABELS: Record<string, string> = {
  user: '账号',
  unit: '处室单位',
  leader: '厅领导',
  tenant_settings: '工作规则参数',
  security_settings: '安全策略',
  system: '系统',
};
const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.locked': '账号锁定',
  'auth.logout': '退出登录',
  'user.create': '新建账号',
  'user.update': '修改账号',
  'user.roles': '分配角色',
  'user.unlock': '解锁账号',
  'user.password_reset': '重置密码',
  'user.password_changed': '修改密码',
  'unit.create': '新增处室',
  'unit.update': '修改处室',
  'leader.create': '新增领导',
  'leader.update': '修改领导',
  'tenant.settings': '修改工作规则参数',
  'security.settings': '修改安全策略',
  'system.demo_data': '载入演示数据',
};
const labelled = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label: `${value}（${label}）` }));
const ENTITY_OPTIONS = labelled(ENTITY_LABELS);
const filterByLabel = (input: string, option?: { label?: unknown }) => String(option?.label ?? '').includes(input.trim());
const ACTION_OPTIONS = labelled(ACTION_LABELS);

function toFilters(v: FilterForm): Filters {
  const trim = (s?: string) => s?.trim() || undefined;
  return {
    from: pickedToIso(v.range?.[0] ?? null),
    to: pickedToIso(v.range?.[1] ?? null),
    actor: trim(v.actor),
    entity: trim(v.entity),
    action: trim(v.action),
  };
}

export default function AuditPage() {
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const { data, loading } = useFetch(
    (signal) => api.get<ListResponse<AuditEntry>>('/audit', { ...filters, page, pageSize } as Query, signal),
    [filters, page, pageSize],
  );
  const exportHref = useMemo(() => `/api/audit/export.csv${toQueryString(filters as Query)}`, [filters]);

  const columns: TableColumnsType<AuditEntry> = [
    { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
    { title: '操作人', dataIndex: 'actorName', width: 120, render: (v: string | null) => v || '—' },
    {
      title: '操作',
      dataIndex: 'action',
      width: 150,
      render: (v: string) => <Tag title={v}>{ACTION_LABELS[v] ?? v}</Tag>,
    },
    {
      title: '对象',
      key: 'entity',
      width: 200,
      render: (_, e) => (
        <span>
          {ENTITY_LABELS[e.entity] ?? e.entity}
          {e.entityId ? (
            <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }} title={e.entityId}>
              #{e.entityId.length > 8 ? `${e.entityId.slice(0, 8)}…` : e.entityId}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    { title: '摘要', dataIndex: 'summary', ellipsis: true },
    { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v || '—' },
  ];

  return (
    <PageCard
      title="审计日志"
      description="系统全部登录、配置和数据变更操作的记录，只读。"
      extra={
        <Button icon={<DownloadOutlined />} href={exportHref} download>
          导出 CSV
        </Button>
      }
    >
      <Form<FilterForm>
        form={form}
        layout="inline"
        onFinish={(v) => {
          setFilters(toFilters(v));
          setPage(1);
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="range" label="时间">
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="actor" label="操作人" rules={[{ max: 50, message: '不能超过 50 个字符' }]}>
          <Input placeholder="姓名或用户名" allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="entity" label="对象" rules={[{ pattern: /^[a-z_]{1,40}$/, message: '小写字母或下划线' }]}>
          <AutoComplete options={ENTITY_OPTIONS} placeholder="如 user" allowClear style={{ width: 170 }} popupMatchSelectWidth={240} filterOption={filterByLabel} />
        </Form.Item>
        <Form.Item name="action" label="操作" rules={[{ pattern: /^[a-z_.]{1,60}$/, message: '小写字母、下划线或点' }]}>
          <AutoComplete options={ACTION_OPTIONS} placeholder="如 user.update" allowClear style={{ width: 170 }} popupMatchSelectWidth={260} filterOption={filterByLabel} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
                setPage(1);
              }}
            >
              重置
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={{ x: 1000 }}
        expandable={{
          expandedRowRender: (e) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <AuditDiff before={e.before} after={e.after} />
              <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                <Descriptions.Item label="对象 ID">{e.entityId ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="操作人 ID">{e.actorId ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="请求 ID">{e.requestId ?? '—'}</Descriptions.Item>
              </Descriptions>
            </Space>
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p, ps) => {
            setPage(ps !== pageSize ? 1 : p);
            setPageSize(ps);
          },
        }}
      />
    </PageCard>
  );
}
