// 数据看板 (issue 16, R7.2, R8.1): a tenant-year at a glance — received and closed by month, 三率 and the
// three 2115 on-time rates by unit with a ranking, overdue now (by unit and the list), the satisfaction
// trend, each city bureau's aggregate for the province, and the panels other modules will fill.
// Every figure explains itself on hover: what is counted, over which period, and the counts behind it.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Col, Empty, Flex, Row, Segmented, Select, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Dashboard, DashboardSlot, DashboardUnit, FigureCounts, OverdueItem } from '../../../../shared/api/dashboard.ts';
import { MILESTONE_LABELS } from '../../../../shared/appeals.ts';
import { barListOption, citiesOption, monthlyVolumeOption, satisfactionTrendOption } from '../../../../shared/charts.ts';
import { FIGURES, type FigureKey } from '../../../../shared/figures.ts';
import { formatChineseDay, formatDate, formatDateTime, formatDeadline, formatRate } from '../../../../shared/format.ts';
import { EChart } from '../../ui/EChart.tsx';
import { useFetch } from '../../ui/useFetch.ts';
import { getDashboard } from './api.ts';
import { HotTopicsPanel } from '../knowledge/HotTopicsPanel.tsx';

type RateKey = 'responseRate' | 'opinionOnTimeRate' | 'resolutionOnTimeRate' | 'resolutionRate' | 'satisfactionRate';
const RATE_KEYS: RateKey[] = ['responseRate', 'opinionOnTimeRate', 'resolutionOnTimeRate', 'resolutionRate', 'satisfactionRate'];
/** The counts behind each rate (numerator, denominator). */
const BEHIND: Record<RateKey, [keyof FigureCounts, keyof FigureCounts, string]> = {
  responseRate: ['contactOnTime', 'contactDue', '按时联系/应联系'],
  opinionOnTimeRate: ['opinionOnTime', 'opinionDue', '按时/应完成'],
  resolutionOnTimeRate: ['resolutionOnTime', 'resolutionDue', '按时/应办结'],
  resolutionRate: ['solved', 'resolved', '已解决/有结果'],
  satisfactionRate: ['satisfied', 'evaluated', '满意/评价'],
};

const SHORT_MILESTONE = { contact: '联系企业', opinion: '初步意见', resolution: '办结' } as const;

const behind = (c: FigureCounts, k: RateKey) => `${BEHIND[k][2]}：${c[BEHIND[k][0]]}/${c[BEHIND[k][1]]}`;

/** A card title with its explanation on hover. */
function Titled({ title, explain }: { title: string; explain: string }) {
  return (
    <Flex align="center" gap={6}>
      <span>{title}</span>
      <Tooltip title={explain}>
        <QuestionCircleOutlined aria-label={`${title}的统计口径`} style={{ color: '#6b7280', fontSize: 13 }} />
      </Tooltip>
    </Flex>
  );
}

function periodText(d: Dashboard) {
  const to = new Date(new Date(d.to).getTime() - 1);
  return `${formatChineseDay(formatDate(d.from))}至${formatChineseDay(formatDate(to))}`;
}

function Kpis({ d }: { d: Dashboard }) {
  const t = d.totals;
  const period = periodText(d);
  const items: { key: FigureKey; value: string | number; extra?: string }[] = [
    { key: 'received', value: t.received },
    { key: 'closed', value: t.closed, extra: `其中当场答复 ${t.answeredOnSpot} 件` },
    ...RATE_KEYS.map((k) => ({ key: k as FigureKey, value: formatRate(t[k]), extra: behind(t, k) })),
    { key: 'overdueNow', value: d.overdue.total },
  ];
  return (
    <Card size="small" data-testid="dashboard-kpis">
      <Row gutter={[8, 8]}>
        {items.map((i) => (
          <Col key={i.key} span={3}>
            <Tooltip
              title={
                <div>
                  <div>{FIGURES[i.key].explain}</div>
                  <div style={{ marginTop: 4 }}>统计期间：{i.key === 'overdueNow' ? `截至 ${formatDateTime(d.asOf)}` : period}</div>
                  {i.extra ? <div>{i.extra}</div> : null}
                </div>
              }
            >
              <div data-testid={`kpi-${i.key}`} style={{ cursor: 'help' }}>
                <Statistic
                  title={FIGURES[i.key].label}
                  value={i.value}
                  valueStyle={{ fontSize: 22, color: i.key === 'overdueNow' && d.overdue.total > 0 ? '#b42318' : undefined }}
                />
              </div>
            </Tooltip>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function UnitRanking({ d }: { d: Dashboard }) {
  const [metric, setMetric] = useState<RateKey>('responseRate');
  const ranked = useMemo(() => {
    const rows = d.units.filter((u) => u.unitId !== null);
    return [...rows].sort((a, b) => (b[metric] ?? -1) - (a[metric] ?? -1) || Number(b[BEHIND[metric][1]]) - Number(a[BEHIND[metric][1]]));
  }, [d.units, metric]);
  const withRate = ranked.filter((u) => u[metric] !== null);
  const rank = new Map(withRate.map((u, i) => [u.unitId, i + 1]));
  const rateCol = (k: RateKey) => ({
    title: (
      <Tooltip title={FIGURES[k].explain}>
        <span>{FIGURES[k].label}</span>
      </Tooltip>
    ),
    dataIndex: k,
    width: k === 'opinionOnTimeRate' ? 118 : 92,
    align: 'right' as const,
    render: (v: number | null, u: DashboardUnit) => (
      <Tooltip title={behind(u, k)}>
        <span style={{ fontWeight: k === metric ? 600 : undefined }}>{formatRate(v)}</span>
      </Tooltip>
    ),
  });
  return (
    <Card
      size="small"
      title={<Titled title="各处室办理情况排名" explain={`按所选指标从高到低排名（无应计件数的处室不参与排名）。统计期间：${periodText(d)}。`} />}
      extra={
        <Segmented<RateKey>
          size="small"
          value={metric}
          onChange={setMetric}
          options={RATE_KEYS.map((k) => ({ value: k, label: FIGURES[k].label }))}
          data-testid="ranking-metric"
        />
      }
    >
      {ranked.length ? (
        <>
          <EChart
            label={`各处室${FIGURES[metric].label}排名`}
            testId="chart-ranking"
            height={Math.max(120, 26 * withRate.length + 24)}
            option={barListOption(
              withRate.map((u) => ({ label: u.unitName ?? '未派单', value: u[metric] === null ? null : Math.round((u[metric] as number) * 1000) / 10 })),
              { interactive: true, color: '#1f5fbf', unit: '%', max: 100 },
            )}
          />
          <Table<DashboardUnit>
            size="small"
            rowKey={(u) => u.unitId ?? 'none'}
            dataSource={ranked}
            pagination={false}
            style={{ marginTop: 8 }}
            data-testid="ranking-table"
            columns={[
              { title: '排名', width: 56, render: (_: unknown, u) => rank.get(u.unitId) ?? '—' },
              { title: '主办处室', dataIndex: 'unitName', ellipsis: true },
              { title: '受理', dataIndex: 'received', width: 64, align: 'right' },
              { title: '办结', dataIndex: 'closed', width: 64, align: 'right' },
              ...RATE_KEYS.map(rateCol),
              {
                title: '当前逾期',
                dataIndex: 'overdueNow',
                width: 84,
                align: 'right',
                render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
              },
            ]}
          />
        </>
      ) : (
        <Empty description="本年度所辖处室尚无诉求" />
      )}
    </Card>
  );
}

function Overdue({ d }: { d: Dashboard }) {
  return (
    <Card
      size="small"
      title={<Titled title={`当前逾期（${d.overdue.total} 件）`} explain={`${FIGURES.overdueNow.explain} 截至 ${formatDateTime(d.asOf)}。`} />}
      data-testid="dashboard-overdue"
    >
      {d.overdue.total ? (
        <>
          <EChart
            label="各处室当前逾期件数"
            testId="chart-overdue"
            height={Math.max(100, 24 * d.overdue.byUnit.length + 24)}
            option={barListOption(
              d.overdue.byUnit.map((u) => ({ label: u.unitName ?? '未派单', value: u.count })),
              { interactive: true, unit: '件' },
            )}
          />
          <Table<OverdueItem>
            size="small"
            rowKey="id"
            dataSource={d.overdue.items}
            style={{ marginTop: 8 }}
            pagination={{ pageSize: 8, size: 'small', showSizeChanger: false, hideOnSinglePage: true }}
            columns={[
              {
                title: '编号',
                dataIndex: 'number',
                width: 240,
                render: (v: string, r) => (
                  <Link to={`/appeals/${r.id}`}>
                    {v}
                    {r.isMajor ? (
                      <Tag color="red" style={{ marginLeft: 6 }}>
                        重大
                      </Tag>
                    ) : null}
                  </Link>
                ),
              },
              { title: '诉求标题', dataIndex: 'title', ellipsis: true },
              { title: '主办处室', dataIndex: 'unitName', width: 200, ellipsis: true, render: (v: string | null) => v ?? '未派单' },
              {
                title: '逾期节点',
                dataIndex: 'milestone',
                width: 96,
                render: (m: OverdueItem['milestone']) =>
                  m ? (
                    <Tooltip title={MILESTONE_LABELS[m]}>
                      <span>{SHORT_MILESTONE[m]}</span>
                    </Tooltip>
                  ) : (
                    '—'
                  ),
              },
              { title: '时限', dataIndex: 'dueAt', width: 160, render: (v: string) => formatDeadline(v) },
            ]}
          />
          {d.overdue.total > d.overdue.items.length ? (
            <Typography.Text type="secondary">列出逾期最久的 {d.overdue.items.length} 件，全部请在诉求工作台按“已逾期”筛选。</Typography.Text>
          ) : null}
        </>
      ) : (
        <Empty description="当前没有逾期未办结的诉求" />
      )}
    </Card>
  );
}

function Cities({ d }: { d: Dashboard }) {
  if (!d.cities) return null;
  return (
    <Card
      size="small"
      title={<Titled title="各市应急管理局汇总" explain={`各市局诉求办理的汇总数据（R8.1：只汇总，不含各市案卷）。统计期间：${periodText(d)}。`} />}
      data-testid="dashboard-cities"
    >
      <EChart label="各市受理、办结和响应率、满意率" testId="chart-cities" height={260} option={citiesOption(d.cities, { interactive: true })} />
      <Table
        size="small"
        rowKey="tenantId"
        dataSource={d.cities}
        pagination={false}
        style={{ marginTop: 8 }}
        columns={[
          { title: '单位', dataIndex: 'name', ellipsis: true },
          { title: '受理', dataIndex: 'received', width: 72, align: 'right' },
          { title: '办结', dataIndex: 'closed', width: 72, align: 'right' },
          ...RATE_KEYS.map((k) => ({
            title: (
              <Tooltip title={FIGURES[k].explain}>
                <span>{FIGURES[k].label}</span>
              </Tooltip>
            ),
            dataIndex: k,
            width: k === 'opinionOnTimeRate' ? 118 : 92,
            align: 'right' as const,
            render: (v: number | null) => formatRate(v),
          })),
          { title: '当前逾期', dataIndex: 'overdueNow', width: 84, align: 'right' },
        ]}
      />
    </Card>
  );
}

function Slot({ s, testId }: { s: DashboardSlot; testId: string }) {
  if (s.status !== 'ok') {
    return (
      <Card size="small" title={s.title} data-testid={testId} style={{ height: '100%' }}>
        <Flex vertical align="center" gap={6} style={{ padding: '12px 0' }}>
          <Tag>{s.status === 'unavailable' ? '未上线' : '暂无数据'}</Tag>
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            {s.note}
          </Typography.Text>
        </Flex>
      </Card>
    );
  }
  return (
    <Card size="small" title={<Titled title={s.title} explain={s.explain} />} data-testid={testId} style={{ height: '100%' }}>
      {s.items.map((i) => (
        <Tooltip key={i.label} title={[i.hint, i.n !== null ? `依据 ${i.n} 条记录` : null].filter(Boolean).join('；') || undefined}>
          <Flex justify="space-between" style={{ padding: '2px 0' }}>
            <span>{i.label}</span>
            <span>
              {i.unit === 'rate' ? formatRate(i.value) : (i.value ?? '—')}
              {i.target !== null ? ` / ${i.target}` : ''}
            </span>
          </Flex>
        </Tooltip>
      ))}
    </Card>
  );
}

export default function DashboardPage() {
  const thisYear = Number(formatDate(new Date()).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const { data: d, loading, reload } = useFetch((signal) => getDashboard(year, signal), [year]);
  const years = Array.from({ length: thisYear - 2020 + 1 }, (_, i) => thisYear - i);

  return (
    <Flex vertical gap={12} data-testid="dashboard">
      <Card size="small" variant="borderless">
        <Flex justify="space-between" align="center" gap={12} wrap>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              数据看板
            </Typography.Title>
            <Typography.Text type="secondary">
              {d ? `${d.tenant.name} · ${periodText(d)} · 数据截至 ${formatDateTime(d.asOf)}（按诉求办理记录自动统计）` : '按诉求办理记录自动统计'}
            </Typography.Text>
          </div>
          <Flex gap={8} align="center">
            {d ? (
              <Tooltip title={d.scope.kind === 'tenant' ? '本单位全部处室' : `只统计您数据范围内的处室（${d.scope.label}）`}>
                <Tag
                  color={d.scope.kind === 'tenant' ? 'blue' : 'gold'}
                  data-testid="dashboard-scope"
                  style={{ maxWidth: 360, overflow: 'hidden', textOverflow: 'ellipsis' }}
                >
                  {d.scope.label}
                </Tag>
              </Tooltip>
            ) : null}
            <Select<number>
              aria-label="统计年度"
              value={year}
              onChange={setYear}
              options={years.map((y) => ({ value: y, label: `${y}年` }))}
              style={{ width: 104 }}
              data-testid="dashboard-year"
            />
            <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
              刷新
            </Button>
          </Flex>
        </Flex>
      </Card>
      {!d ? (
        <Card loading />
      ) : (
        <>
          {d.source === 'live' ? <Alert type="info" showIcon message="统计汇总表正在首次生成，当前数据为实时计算，稍后打开会更快。" /> : null}
          <Kpis d={d} />
          <Row gutter={12}>
            <Col span={14}>
              <Card size="small" title={<Titled title="各月受理与办结" explain={`${FIGURES.received.explain} ${FIGURES.closed.explain}`} />}>
                <EChart label="各月受理与办结件数" testId="chart-monthly" height={240} option={monthlyVolumeOption(d.months, { interactive: true })} />
              </Card>
            </Col>
            <Col span={10}>
              <Card size="small" title={<Titled title="满意度趋势" explain={FIGURES.satisfactionRate.explain} />}>
                <EChart
                  label="各月满意率与评价件数"
                  testId="chart-satisfaction"
                  height={240}
                  option={satisfactionTrendOption(d.months, { interactive: true })}
                />
              </Card>
            </Col>
          </Row>
          <UnitRanking d={d} />
          <Overdue d={d} />
          <Cities d={d} />
          <Row gutter={12}>
            <Col span={8}>
              <Slot s={d.slots.survey} testId="slot-survey" />
            </Col>
            <Col span={8}>
              <Slot s={d.slots.quotas} testId="slot-quotas" />
            </Col>
            <Col span={8}>
              <Slot s={d.slots.assessment} testId="slot-assessment" />
            </Col>
          </Row>
        </>
      )}
      {/* Mounted with the page, hidden until the figures came, so its requests go alongside the
          dashboard's instead of after it (they do not need it; the cities only feed its filter). */}
      <div style={d ? undefined : { display: 'none' }}>
        <HotTopicsPanel cities={d?.cities ?? null} />
      </div>
    </Flex>
  );
}
