// 诉求工作台: the caller's appeals by role — the unit's (lead / co-handling), intake's dispatch
// queue, a leader's portfolio — sorted by the next deadline with a live countdown; figures on top.
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Col, Radio, Row, Statistic, Switch, Table, Tabs, Tooltip } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMe } from '../../auth/session.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { useFetch } from '../../ui/useFetch.ts';
import { AppealFilters, filterQuery, type AppealFilterValues } from './AppealFilters.tsx';
import { AppealTable } from './AppealTable.tsx';
import { CalendarWaitingAlert } from './CalendarWaitingAlert.tsx';
import { TransferredOutTable } from './TransferredOutTable.tsx';
import { percent } from './labels.ts';
import { appealFigures, listAppeals, type Figures as FiguresData } from './api.ts';
import { BUSINESS_TZ } from '../../ui/format.ts';
import type { TenantKind } from '../../../../shared/api/auth.ts';
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

export default function WorkbenchPage() {
  const me = useMe();
  const navigate = useNavigate();
  const views = useMemo(() => viewsFor(me.roles, me.tenant.kind), [me.roles, me.tenant.kind]);
  const [params, setParams] = useSearchParams();
  const asked = params.get('view') as View | null;
  const [view, setView] = useState<View>(asked && views.includes(asked) ? asked : views[0]);
  const [filters, setFilters] = useState<AppealFilterValues>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const isIntake = me.roles.includes('intake') || me.roles.includes('coordinator');

  const { data, loading } = useFetch(
    (signal) =>
      view === 'transferred'
        ? Promise.resolve(undefined)
        : view === 'major'
          ? listAppeals({ view: 'portfolio', major: true, sort: 'received', ...filterQuery(filters), page: page.page, pageSize: page.pageSize }, signal)
          : listAppeals({ view, open: view === 'all' ? undefined : true, ...filterQuery(filters), page: page.page, pageSize: page.pageSize }, signal),
    [view, filters, page],
  );

  return (
    <PageCard
      title="诉求工作台"
      description="按下一个到期节点排序；红色为已逾期，橙色为即将到期。"
      extra={
        <>
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
      <Figures />
      <Tabs
        activeKey={view}
        onChange={(k) => {
          setView(k as View);
          setParams(k === views[0] ? {} : { view: k }, { replace: true });
          setPage((p) => ({ ...p, page: 1 }));
        }}
        items={views.map((v) => ({ key: v, label: VIEW_LABELS[v] }))}
      />
      {/* Kept mounted on the 转市局 tab so the filters the user set are still shown when coming back. */}
      <div style={view === 'transferred' ? { display: 'none' } : undefined}>
        <AppealFilters
          onChange={(v) => {
            setFilters(v);
            setPage((p) => ({ ...p, page: 1 }));
          }}
        />
      </div>
      {view === 'transferred' ? (
        <TransferredOutTable />
      ) : (
        <AppealTable
          items={data?.items ?? []}
          total={data?.total ?? 0}
          totalCapped={data?.totalCapped ?? false}
          page={page.page}
          pageSize={page.pageSize}
          loading={loading}
          onPage={(p, s) => setPage({ page: p, pageSize: s })}
        />
      )}
    </PageCard>
  );
}
