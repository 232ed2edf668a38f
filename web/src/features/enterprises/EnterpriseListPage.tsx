// 企业名录: filters (sector, sub-sector, region, size, ownership, struggling, unit, status,
// keyword), paged list, export of the current filter, links to create and import.
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { App, Button, Cascader, Flex, Input, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { columnsWidth } from '../../ui/columns.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { useUnits } from '../organisation/useUnits.ts';
import { optionsOf } from '../../ui/labels.ts';
import { enterpriseMeta, exportEnterprises, listEnterprises, type Enterprise } from './api.ts';
import { ENTERPRISE_STATUS_LABELS, OWNERSHIP_LABELS, SECTOR_COLORS, SECTOR_LABELS, SIZE_LABELS, STATUS_COLORS, SUB_SECTOR_LABELS } from './labels.ts';

const FILTER_KEYS = ['q', 'sector', 'subSector', 'region', 'size', 'ownership', 'struggling', 'supervisingUnitId', 'status', 'includeArchived'] as const;

/** Column widths of the list: together ≈ the content area beside the menu of a 1366-pixel window. */
const W = { name: 230, uscc: 190, region: 120, sector: 110, size: 100, unit: 150, contact: 150 };

export function useEnterpriseMeta() {
  return useFetch((signal) => enterpriseMeta(signal), []);
}

export default function EnterpriseListPage() {
  const { message } = App.useApp();
  const onError = useApiError();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [keyword, setKeyword] = useState(params.get('q') ?? '');
  const [exporting, setExporting] = useState(false);
  const { data: meta } = useEnterpriseMeta();
  const { options: unitOptions } = useUnits(false, true);

  const filters = useMemo(() => {
    const f: Record<string, string> = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);

  const { data, loading } = useFetch((signal) => listEnterprises(filters, { page, pageSize }, signal), [JSON.stringify(filters), page, pageSize]);

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  const regionOptions = useMemo(
    () =>
      (meta?.regions ?? []).map((c) => ({
        value: c.code,
        label: c.name,
        children: c.counties.map((r) => ({ value: r.code, label: r.name })),
      })),
    [meta],
  );
  const regionValue = useMemo(() => {
    const r = filters.region;
    if (!r) return undefined;
    const city = meta?.regions.find((c) => c.code === r || c.counties.some((x) => x.code === r));
    if (!city) return undefined;
    return city.code === r ? [r] : [city.code, r];
  }, [filters.region, meta]);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await exportEnterprises(filters);
      message.success('已导出当前筛选结果');
    } catch (err) {
      onError(err);
    } finally {
      setExporting(false);
    }
  };

  // Every column in sight beside the menu of a 1366-pixel window (columnsWidth); narrower windows scroll
  // sideways with the name fixed on the left. A state other than 在营 shows as a tag beside the name.
  const columns: TableColumnsType<Enterprise> = [
    {
      title: '企业名称',
      dataIndex: 'name',
      width: W.name,
      fixed: 'left',
      render: (name: string, e) => (
        <Space size={4} wrap>
          <Link to={`/enterprises/${e.id}`}>{name}</Link>
          {e.status !== 'operating' ? <Tag color={STATUS_COLORS[e.status]}>{ENTERPRISE_STATUS_LABELS[e.status]}</Tag> : null}
          {e.struggling ? <Tag color="red">困难企业</Tag> : null}
          {e.archived ? <Tag>已归档</Tag> : null}
        </Space>
      ),
    },
    {
      title: '统一社会信用代码',
      dataIndex: 'uscc',
      width: W.uscc,
      render: (v: string) => (
        <Typography.Text copyable={{ text: v }} style={{ fontFamily: 'monospace' }}>
          {v}
        </Typography.Text>
      ),
    },
    { title: '所属区县', dataIndex: 'regionName', width: W.region },
    {
      title: '行业',
      key: 'sector',
      width: W.sector,
      render: (_, e) => (
        <Tag color={SECTOR_COLORS[e.sector]}>
          {SECTOR_LABELS[e.sector]}
          {e.subSector ? `·${SUB_SECTOR_LABELS[e.subSector]}` : ''}
        </Tag>
      ),
    },
    { title: '规模 · 类型', key: 'size', width: W.size, render: (_, e) => `${SIZE_LABELS[e.size]} · ${OWNERSHIP_LABELS[e.ownership]}` },
    { title: '监管处室', dataIndex: 'supervisingUnitName', width: W.unit, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '联系人',
      key: 'contact',
      width: W.contact,
      render: (_, e) =>
        e.contacts[0] ? (
          <Tooltip title={e.contacts.length > 1 ? `共${e.contacts.length}位联系人` : undefined}>
            {e.contacts[0].name} {e.contacts[0].mobile ?? e.contacts[0].landline ?? ''}
          </Tooltip>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <PageCard
      title="企业名录"
      description="本单位登记的监管企业。手机号码默认脱敏显示，查看完整号码须在详情页点击“查看完整号码”（记入审计日志）。"
      extra={
        <>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx}>
            导出 Excel
          </Button>
          {meta?.canImport ? (
            <Button icon={<UploadOutlined />} onClick={() => navigate('/enterprises/import')}>
              Excel 导入
            </Button>
          ) : null}
          {meta?.canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/enterprises/new')}>
              登记企业
            </Button>
          ) : null}
        </>
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder="企业名称关键词或信用代码"
          style={{ width: 260 }}
          value={keyword}
          onChange={(e) => setKeyword(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined })}
        />
        <Select
          allowClear
          placeholder="行业"
          aria-label="行业"
          style={{ width: 120 }}
          options={optionsOf(SECTOR_LABELS)}
          value={filters.sector}
          onChange={(v) => set({ sector: v, subSector: v === 'industry' ? filters.subSector : undefined })}
        />
        {filters.sector === 'industry' ? (
          <Select
            allowClear
            placeholder="细分行业"
            aria-label="细分行业"
            style={{ width: 110 }}
            options={optionsOf(SUB_SECTOR_LABELS)}
            value={filters.subSector}
            onChange={(v) => set({ subSector: v })}
          />
        ) : null}
        <Cascader
          allowClear
          changeOnSelect
          placeholder="所属地区"
          aria-label="所属地区"
          style={{ width: 180 }}
          options={regionOptions}
          value={regionValue}
          onChange={(v) => set({ region: v?.length ? String(v[v.length - 1]) : undefined })}
        />
        <Select
          allowClear
          placeholder="规模"
          aria-label="规模"
          style={{ width: 90 }}
          options={optionsOf(SIZE_LABELS)}
          value={filters.size}
          onChange={(v) => set({ size: v })}
        />
        <Select
          allowClear
          placeholder="经济类型"
          aria-label="经济类型"
          style={{ width: 110 }}
          options={optionsOf(OWNERSHIP_LABELS)}
          value={filters.ownership}
          onChange={(v) => set({ ownership: v })}
        />
        <Select
          allowClear
          placeholder="困难企业"
          aria-label="困难企业"
          style={{ width: 110 }}
          options={[
            { value: 'true', label: '困难企业' },
            { value: 'false', label: '非困难企业' },
          ]}
          value={filters.struggling}
          onChange={(v) => set({ struggling: v })}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="监管处室"
          aria-label="监管处室"
          style={{ width: 190 }}
          options={unitOptions}
          value={filters.supervisingUnitId}
          onChange={(v) => set({ supervisingUnitId: v })}
        />
        <Select
          allowClear
          placeholder="经营状态"
          aria-label="经营状态"
          style={{ width: 100 }}
          options={optionsOf(ENTERPRISE_STATUS_LABELS)}
          value={filters.status}
          onChange={(v) => set({ status: v })}
        />
        <Space size={4}>
          <Switch
            size="small"
            checked={filters.includeArchived === 'true'}
            onChange={(v) => set({ includeArchived: v ? 'true' : undefined })}
            aria-label="含已归档"
          />
          <Typography.Text type="secondary">含已归档</Typography.Text>
        </Space>
      </Flex>
      <Table<Enterprise>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={{ x: columnsWidth(columns) }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 家`,
          onChange: (p, s) => set({ page: String(p), pageSize: String(s) }),
        }}
      />
    </PageCard>
  );
}
