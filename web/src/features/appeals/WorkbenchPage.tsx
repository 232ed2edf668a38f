// 诉求工作台: the caller's appeals by role — the unit's (lead / co-handling), intake's dispatch
// queue, a leader's portfolio — sorted by the next deadline with a live countdown (or by a column the
// user picks, on the server), counts on the tabs, a quick search, the figures folded away on request.
// The view, filters, search, sort and page live in the address (the home page's to-do links open it).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { App, Button, Card, Col, Flex, Form, Input, Radio, Row, Space, Statistic, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { BarChartOutlined, DownloadOutlined, PlusOutlined, SearchOutlined, SendOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMe } from '../../auth/session.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { useFetch } from '../../ui/useFetch.ts';
import { AppealFilters, FILTER_PARAMS, filterQuery, filtersFromParams, filtersToParams, type AppealFilterValues } from './AppealFilters.tsx';
import { AppealTable, type AppealSort } from './AppealTable.tsx';
import { CalendarWaitingAlert } from './CalendarWaitingAlert.tsx';
import { TransferredOutTable } from './TransferredOutTable.tsx';
import { percent } from './labels.ts';
import { appealFigures, exportAppeals, listAppeals, type AppealSummary, type Figures as FiguresData } from './api.ts';
import { BulkDispatchDialog } from './BulkDispatchDialog.tsx';
import { useUnits } from '../organisation/useUnits.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { BUSINESS_TZ } from '../../ui/format.ts';
import type { TenantKind } from '../../../../shared/api/auth.ts';
import { APPEAL_LIST_SORTS, type AppealListSort } from '../../../../shared/appeals.ts';
import type { Query } from '../../api/client.ts';
import type { Role } from '../../../../shared/roles.ts';

type View = 'lead' | 'co' | 'queue' | 'portfolio' | 'major' | 'all' | 'transferred';
const VIEW_LABELS: Record<View, string> = {
  lead: '本处室主办',
  co: '本处室协办',
  queue: '待派单',
  portfolio: '分管处室',
  major: '分管重大事项',
  all: '全部诉求',
  transferred: '转市局办理',
};

export function viewsFor(roles: readonly Role[], tenantKind?: TenantKind): View[] {
  const v: View[] = [];
  const has = (...r: Role[]) => r.some((x) => roles.includes(x));
  if (has('intake', 'coordinator')) v.push('queue');
  if (has('unit_staff', 'liaison', 'unit_head')) v.push('lead', 'co');
  // R3.5: a leader's portfolio, and its major matters in every state (办理中 to 已办结).
  if (has('leader')) v.push('portfolio', 'major');
  if (has('intake', 'coordinator', 'oversight')) v.push('all');
  // R3.2 the province keeps a read-only status of what it transferred to city bureaus.
  if (tenantKind === 'province' && has('intake', 'coordinator', 'oversight')) v.push('transferred');
  return v.length ? v : ['all'];
}

type UnitFigures = FiguresData['byUnit'][number];

/** Per-unit breakdown of the same figures (R7.2: oversight and intake compare units). */
function UnitFiguresTable({ rows }: { rows: UnitFigures[] }) {
  return (
    <Table<UnitFigures>
      size="small"
      style={{ marginTop: 12 }}
      rowKey={(r) => r.unitId ?? 'none'}
      dataSource={rows}
      pagination={false}
      data-testid="appeal-figures-by-unit"
      columns={[
        { title: '主办处室', dataIndex: 'unitName', render: (v: string | null) => v ?? '待派单' },
        { title: '受理', dataIndex: 'received', width: 70 },
        { title: '办结', dataIndex: 'closed', width: 70 },
        { title: '联系按时率', dataIndex: 'contactOnTimeRate', width: 100, render: percent },
        { title: '初步意见按时率', dataIndex: 'opinionOnTimeRate', width: 120, render: percent },
        { title: '办结按时率', dataIndex: 'resolutionOnTimeRate', width: 100, render: percent },
        { title: '解决率', dataIndex: 'resolutionRate', width: 80, render: percent },
        { title: '满意率', dataIndex: 'satisfactionRate', width: 80, render: percent },
      ]}
    />
  );
}

function Figures() {
  const [period, setPeriod] = useState<'month' | 'year'>('month');
  const [byUnit, setByUnit] = useState(false);
  const { data } = useFetch(
    (signal) => {
      const now = dayjs().tz(BUSINESS_TZ);
      const from = now.startOf(period);
      return appealFigures({ from: from.toISOString(), to: now.add(1, 'minute').toISOString() }, signal);
    },
    [period],
  );
  const t = data?.totals;
  const items: [string, string | number, string?][] = [
    ['受理', t?.received ?? '—'],
    ['办结', t?.closed ?? '—'],
    ['联系按时率', percent(t?.contactOnTimeRate), '2小时内联系企业'],
    ['初步意见按时率', percent(t?.opinionOnTimeRate), '1个工作日内提出初步意见'],
    ['办结按时率', percent(t?.resolutionOnTimeRate), '15个工作日内解决或确认服务'],
    ['解决率', percent(t?.resolutionRate)],
    ['满意率', percent(t?.satisfactionRate)],
  ];
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="appeal-figures"
      title="办理指标（按事件计算）"
      extra={
        <>
          <Switch size="small" checked={byUnit} onChange={setByUnit} checkedChildren="按处室" unCheckedChildren="按处室" style={{ marginRight: 12 }} />
          <Radio.Group
            size="small"
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
            optionType="button"
            options={[
              { value: 'month', label: '本月' },
              { value: 'year', label: '本年' },
            ]}
          />
        </>
      }
    >
      <Row gutter={16}>
        {items.map(([title, value, tip]) => (
          <Col key={title} xs={12} sm={8} md={6} lg={3}>
            <Tooltip title={tip}>
              <Statistic title={title} value={value} />
            </Tooltip>
          </Col>
        ))}
      </Row>
      {byUnit && data ? <UnitFiguresTable rows={data.byUnit} /> : null}
    </Card>
  );
}

const SORT_DEFAULT_ORDER: Record<AppealListSort, 'asc' | 'desc'> = { due: 'asc', received: 'desc', number: 'desc' };
const PAGE_SIZES = [10, 20, 50, 100];
const NO_APPEALS: AppealSummary[] = [];
const FIGURES_KEY = 'zqt.workbench.figures';

/** The list query of a tab (its count uses the same): open appeals on every view but 全部诉求. */
function tabQuery(v: Exclude<View, 'transferred'>, filters: AppealFilterValues, extra: { approval: boolean; q: string; sort: AppealSort | null }): Query {
  const common = {
    ...filterQuery(filters),
    approval: extra.approval ? 'true' : undefined,
    q: extra.q || undefined,
    sort: extra.sort?.by,
    order: extra.sort?.order,
  };
  // R3.5 a leader's major matters in every state (办理中 to 已办结), newest first.
  if (v === 'major') return { ...common, view: 'portfolio', major: 'true', sort: extra.sort?.by ?? 'received' };
  return { view: v, open: v === 'all' ? undefined : true, ...common };
}

export default function WorkbenchPage() {
  const me = useMe();
  const navigate = useNavigate();
  const views = useMemo(() => viewsFor(me.roles, me.tenant.kind), [me.roles, me.tenant.kind]);
  // Everything the list shows is in the address (view, filters, quick search, sort, page): a filtered
  // list has its own URL that survives a reload, and the home page's to-do counts link to it.
  const [params, setParams] = useSearchParams();
  const asked = params.get('view') as View | null;
  const view: View = asked && views.includes(asked) ? asked : views[0];
  const paramsKey = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: paramsKey stands for params
  const filters = useMemo(() => filtersFromParams(params), [paramsKey]);
  const approval = params.get('approval') === 'true';
  const q = params.get('q') ?? '';
  const sortBy = params.get('sort') as AppealListSort | null;
  const askedOrder = params.get('order');
  // Memoized, as the callbacks and the selection below: the table re-renders its rows only when what it shows changed
  // (AppealTable is memo; the counts, the units and the bell arriving after the list no longer redraw the rows).
  const sort = useMemo<AppealSort | null>(
    () =>
      sortBy && (APPEAL_LIST_SORTS as readonly string[]).includes(sortBy)
        ? { by: sortBy, order: askedOrder === 'asc' ? 'asc' : askedOrder === 'desc' ? 'desc' : SORT_DEFAULT_ORDER[sortBy] }
        : null,
    [sortBy, askedOrder],
  );
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
  const askedSize = Number(params.get('pageSize'));
  const pageSize = PAGE_SIZES.includes(askedSize) ? askedSize : 20;
  const isIntake = me.roles.includes('intake') || me.roles.includes('coordinator');
  const [figuresOpen, setFiguresOpen] = useState(() => localStorage.getItem(FIGURES_KEY) === '1');

  /** Changes parameters of the address (undefined removes one); any change but paging goes back to page 1. */
  const update = useCallback(
    (patch: Record<string, string | undefined>, keepPage = false) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, v);
          }
          if (!keepPage) next.delete('page');
          if (next.get('view') === views[0]) next.delete('view');
          return next;
        },
        { replace: true },
      ),
    [setParams, views],
  );

  const extra = { approval, q, sort };
  const { data, loading, reload } = useFetch(
    (signal) => (view === 'transferred' ? Promise.resolve(undefined) : listAppeals({ ...tabQuery(view, filters, extra), page, pageSize }, signal)),
    [view, paramsKey],
  );
  // Counts on the tabs: the same query as each tab's list (filters and quick search included).
  const countKey = JSON.stringify([filtersToParams(filters), approval, q]);
  const { data: counts, reload: reloadCounts } = useFetch(
    (signal) =>
      Promise.all(
        views
          .filter((v): v is Exclude<View, 'transferred'> => v !== 'transferred')
          .map((v) => listAppeals({ ...tabQuery(v, filters, { approval, q, sort: null }), page: 1, pageSize: 1 }, signal).then((r) => [v, r] as const)),
      ).then((rows) => new Map<View, string>(rows.map(([v, r]) => [v, r.totalCapped ? `${r.total}+` : String(r.total)]))),
    [views, countKey],
  );

  // 批量派单 (issue 17): rows ticked in 待派单; a new list (page, filter, after a dispatch) clears them.
  const [selected, setSelected] = useState<AppealSummary[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new answer of the list clears the selection
  useEffect(() => setSelected((s) => (s.length ? [] : s)), [data]);
  const canBulk = isIntake && view === 'queue';
  const selection = useMemo(
    () => (canBulk ? { ids: selected.map((a) => a.id), onChange: (_ids: string[], rows: AppealSummary[]) => setSelected(rows) } : undefined),
    [canBulk, selected],
  );
  const onPage = useCallback(
    (p: number, size: number) => update({ page: p > 1 ? String(p) : undefined, pageSize: size !== 20 ? String(size) : undefined }, true),
    [update],
  );
  const onSort = useCallback((s: AppealSort | null) => update({ sort: s?.by, order: s?.order }), [update]);
  const { options: unitOptions } = useUnits(false, true);
  const { message } = App.useApp();
  const onError = useApiError();
  const [exporting, setExporting] = useState(false);
  /** 导出 Excel: the list as shown (tab, filters, quick search, sort), without paging. */
  const exportList = async () => {
    if (view === 'transferred') return;
    setExporting(true);
    try {
      const r = await exportAppeals(tabQuery(view, filters, extra));
      if (r.capped) message.warning(`符合条件的诉求超过 ${r.count} 件，仅导出前 ${r.count} 件，请缩小筛选范围后分批导出`);
      else message.success(`已导出 ${r.count} 件`);
    } catch (e) {
      onError(e);
    } finally {
      setExporting(false);
    }
  };

  return (
    <PageCard
      title="诉求工作台"
      description="默认按下一个到期节点排序（待派单：安全隐患优先，再按时限，已逾期的在后）；点击编号、下一时限、受理时间的列标题可排序。"
      extra={
        <>
          <Button
            icon={<BarChartOutlined />}
            aria-expanded={figuresOpen}
            onClick={() => {
              localStorage.setItem(FIGURES_KEY, figuresOpen ? '0' : '1');
              setFiguresOpen(!figuresOpen);
            }}
            data-testid="toggle-figures"
          >
            {figuresOpen ? '收起指标' : '办理指标'}
          </Button>
          {view === 'transferred' ? null : (
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportList} data-testid="export-xlsx">
              导出 Excel
            </Button>
          )}
          <Button icon={<SearchOutlined />} onClick={() => navigate('/appeals/search')}>
            检索
          </Button>
          {isIntake ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/appeals/new')} data-testid="new-appeal">
              受理登记
            </Button>
          ) : null}
        </>
      }
    >
      <CalendarWaitingAlert />
      {figuresOpen ? <Figures /> : null}
      <Tabs
        activeKey={view}
        onChange={(k) => update({ view: k })}
        // The quick search sits at the right of the tab bar but outside its role="tablist" element
        // (tabBarExtraContent would put a text box among the tabs; axe aria-required-children).
        renderTabBar={(props, TabBar) => (
          <div style={{ position: 'relative' }}>
            <TabBar {...props} style={{ paddingRight: 236 }} />
            {view === 'transferred' ? null : (
              <Flex align="center" style={{ position: 'absolute', top: 0, right: 0, bottom: 16 }}>
                <Input.Search
                  key={q}
                  defaultValue={q}
                  allowClear
                  placeholder="编号或关键词"
                  aria-label="按编号或关键词快速查找"
                  maxLength={100}
                  style={{ width: 220 }}
                  onSearch={(v) => update({ q: v.trim() || undefined })}
                  data-testid="workbench-search"
                />
              </Flex>
            )}
          </div>
        )}
        items={views.map((v) => ({
          key: v,
          label: (
            <span data-testid={`tab-${v}`}>
              {VIEW_LABELS[v]}
              {counts?.has(v) ? (
                <span className="tab-count" style={{ marginLeft: 6 }}>
                  {counts.get(v)}
                </span>
              ) : null}
            </span>
          ),
        }))}
      />
      {/* Kept mounted on the 转市局 tab so the filters the user set are still shown when coming back. */}
      <div style={view === 'transferred' ? { display: 'none' } : undefined}>
        <AppealFilters
          value={filters}
          onChange={(v) => update({ ...Object.fromEntries(FILTER_PARAMS.map((k) => [k, undefined])), ...filtersToParams(v) })}
          extra={
            approval ? (
              <Form.Item>
                <Tag closable color="orange" onClose={() => update({ approval: undefined })} data-testid="approval-filter">
                  待我审批（延期/挂起）
                </Tag>
              </Form.Item>
            ) : null
          }
        />
      </div>
      {canBulk ? (
        <Space style={{ marginBottom: 8 }} data-testid="bulk-bar">
          <Button icon={<SendOutlined />} disabled={!selected.length} onClick={() => setBulkOpen(true)} data-testid="bulk-dispatch">
            批量派单
          </Button>
          <Typography.Text type="secondary">{selected.length ? `已选 ${selected.length} 件` : '勾选多件诉求后可一次派给同一主办处室'}</Typography.Text>
          {selected.length ? (
            <Button type="link" size="small" onClick={() => setSelected([])}>
              取消选择
            </Button>
          ) : null}
        </Space>
      ) : null}
      {bulkOpen ? (
        <BulkDispatchDialog
          appeals={selected}
          units={unitOptions}
          onClose={() => setBulkOpen(false)}
          onDone={() => {
            reload();
            reloadCounts();
          }}
        />
      ) : null}
      {view === 'transferred' ? (
        <TransferredOutTable />
      ) : (
        <AppealTable
          items={data?.items ?? NO_APPEALS}
          total={data?.total ?? 0}
          totalCapped={data?.totalCapped ?? false}
          page={page}
          pageSize={pageSize}
          loading={loading}
          onPage={onPage}
          sort={sort}
          onSort={onSort}
          selection={selection}
        />
      )}
    </PageCard>
  );
}
