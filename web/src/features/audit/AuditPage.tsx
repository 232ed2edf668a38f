import { useMemo, useState } from 'react';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, auditActionLabel, auditEntityLabel } from '../../../../shared/audit-labels.ts';
import { Alert, AutoComplete, Button, DatePicker, Descriptions, Form, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import {
  auditExportHref,
  listAudit,
  listAuditArchives,
  listAuditScopes,
  searchAuditArchive,
  type AuditArchiveSearch,
  type AuditEntry,
  type AuditFilters,
} from './api.ts';
import { AuditDiff } from './AuditDiff.tsx';
import { PageCard } from '../../ui/PageCard.tsx';
import { useFetch } from '../../ui/useFetch.ts';
import { formatDateTime, pickedToIso } from '../../ui/format.ts';

interface FilterForm {
  tenant?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  entity?: string;
  action?: string;
}

type Filters = AuditFilters;

// Suggestions for the filters: every object and action the server records, with its Chinese label (shared/audit-labels.ts).
const labelled = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label: `${value}（${label}）` }));
const ENTITY_OPTIONS = labelled(AUDIT_ENTITY_LABELS);
const filterByLabel = (input: string, option?: { label?: unknown }) => String(option?.label ?? '').includes(input.trim());
const ACTION_OPTIONS = labelled(AUDIT_ACTION_LABELS);

function toFilters(v: FilterForm): Filters {
  const trim = (s?: string) => s?.trim() || undefined;
  return {
    tenant: v.tenant || undefined,
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
  // Issue 21: the live log, or the archive files of rows past the retention (verified on each search).
  const [source, setSource] = useState<'live' | 'archive'>('live');
  const { data, loading } = useFetch(
    (signal) => (source === 'live' ? listAudit(filters, { page, pageSize }, signal) : searchAuditArchive(filters, { page, pageSize }, signal)),
    [source, filters, page, pageSize],
  );
  const archived = source === 'archive' && data && 'archives' in data ? (data as AuditArchiveSearch) : undefined;
  const archiveList = useFetch((signal) => listAuditArchives(filters.tenant, signal), [filters.tenant]);
  // The province's auditor also reads each city's log and the rows of no tenant (issue 12).
  const scopes = useFetch((signal) => listAuditScopes(signal), []);
  const tenantOptions = (scopes.data?.items ?? []).map((t, i) => ({ value: t.code, label: i === 0 ? `${t.name}（本级）` : t.name }));
  const exportHref = useMemo(() => auditExportHref(filters), [filters]);

  const columns: TableColumnsType<AuditEntry> = [
    { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
    { title: '操作人', dataIndex: 'actorName', width: 120, render: (v: string | null) => v || '—' },
    {
      title: '操作',
      dataIndex: 'action',
      width: 150,
      render: (v: string) => <Tag title={v}>{auditActionLabel(v) ?? v}</Tag>,
    },
    {
      title: '对象',
      key: 'entity',
      width: 200,
      render: (_, e) => (
        <span>
          <span title={e.entityId ? `${e.entity} ${e.entityId}` : e.entity}>{auditEntityLabel(e.entity) ?? e.entity}</span>
        </span>
      ),
    },
    { title: '摘要', dataIndex: 'summary', ellipsis: true },
    { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v || '—' },
  ];

  return (
    <PageCard
      title="审计日志"
      description="系统全部登录、配置和数据变更操作的记录，只读。省厅审计管理员可查阅各市及无归属单位的记录；导出操作本身也记入审计日志。"
      extra={
        <Space>
          <Segmented
            value={source}
            options={[
              { value: 'live', label: '在线日志' },
              { value: 'archive', label: '归档查询' },
            ]}
            onChange={(v) => {
              setSource(v as 'live' | 'archive');
              setPage(1);
            }}
          />
          <Button
            icon={<DownloadOutlined />}
            href={source === 'live' ? exportHref : undefined}
            download
            disabled={source !== 'live'}
            title={source !== 'live' ? '导出仅适用于在线日志' : undefined}
          >
            导出 CSV
          </Button>
        </Space>
      }
    >
      {archiveList.data ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          在线保留期 {archiveList.data.retentionDays} 天（工作规则参数，不少于180天）；超过保留期的记录按哈希链归档，已有归档文件{' '}
          {archiveList.data.items.length} 个，共 {archiveList.data.items.reduce((n, a) => n + a.rowCount, 0)} 条记录。
        </Typography.Paragraph>
      ) : null}
      {archived ? (
        archived.archives.every((a) => a.ok) ? (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            title={
              archived.archives.length
                ? `本次查询涉及 ${archived.archives.length} 个归档文件，哈希链校验全部通过${archived.truncated ? '；涉及的归档文件较多，请缩小时间范围查看更早的记录' : ''}`
                : '所选范围内没有归档文件'
            }
          />
        ) : (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title="归档文件校验未通过，记录可能被篡改"
            description={archived.archives
              .filter((a) => !a.ok)
              .map((a) => `归档 ${a.id}：${a.problems.join('；')}`)
              .join('\n')}
          />
        )
      ) : null}
      <Form<FilterForm>
        form={form}
        layout="inline"
        onFinish={(v) => {
          setFilters(toFilters(v));
          setPage(1);
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        {tenantOptions.length > 1 ? (
          <Form.Item name="tenant" label="单位">
            <Select
              options={tenantOptions}
              placeholder="本级"
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 220 }}
              popupMatchSelectWidth={300}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="range" label="时间">
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="actor" label="操作人" rules={[{ max: 50, message: '不能超过 50 个字符' }]}>
          <Input placeholder="姓名或用户名" allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="entity" label="对象" rules={[{ pattern: /^[a-z_]{1,40}$/, message: '小写字母或下划线' }]}>
          <AutoComplete
            options={ENTITY_OPTIONS}
            placeholder="如 user"
            allowClear
            style={{ width: 170 }}
            popupMatchSelectWidth={240}
            filterOption={filterByLabel}
          />
        </Form.Item>
        <Form.Item name="action" label="操作" rules={[{ pattern: /^[a-z_.]{1,60}$/, message: '小写字母、下划线或点' }]}>
          <AutoComplete
            options={ACTION_OPTIONS}
            placeholder="如 user.update"
            allowClear
            style={{ width: 170 }}
            popupMatchSelectWidth={260}
            filterOption={filterByLabel}
          />
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
