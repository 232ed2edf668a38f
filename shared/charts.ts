// ECharts options of the dashboard and the reports (issue 16): one definition, so the chart in the
// browser and the picture in the .docx are the same chart. Data in, option out; no DOM, no server.
// `interactive` adds tooltips and hover emphasis (the web); the reports render static pictures.
import type { EChartsOption } from 'echarts';

export const CHART_COLORS = {
  received: '#1f5fbf',
  closed: '#2e9e6a',
  rate: '#d4780a',
  overdue: '#c23a2b',
  muted: '#8a94a6',
  contact: '#1f5fbf',
  opinion: '#7b5cc4',
  resolution: '#2e9e6a',
};

/** "2026-03" → "3月" (with the year when the months span two years: "25年12月"). */
export function monthLabels(months: readonly string[]): string[] {
  const years = new Set(months.map((m) => m.slice(0, 4)));
  return months.map((m) => (years.size > 1 ? `${m.slice(2, 4)}年${Number(m.slice(5, 7))}月` : `${Number(m.slice(5, 7))}月`));
}

const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

const base = (interactive: boolean): EChartsOption => ({
  animation: interactive,
  grid: { left: 48, right: 48, top: 44, bottom: 28, containLabel: true },
  legend: { top: 4, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
  textStyle: { fontSize: 12 },
});

/** Received (bars) and closed (bars) per month. */
export function monthlyVolumeOption(rows: readonly { month: string; received: number; closed: number }[], opts: { interactive?: boolean } = {}): EChartsOption {
  const interactive = opts.interactive ?? false;
  return {
    ...base(interactive),
    tooltip: interactive ? { trigger: 'axis' } : undefined,
    xAxis: { type: 'category', data: monthLabels(rows.map((r) => r.month)), axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', name: '件', minInterval: 1 },
    series: [
      { name: '受理', type: 'bar', data: rows.map((r) => r.received), itemStyle: { color: CHART_COLORS.received }, barMaxWidth: 22 },
      { name: '办结', type: 'bar', data: rows.map((r) => r.closed), itemStyle: { color: CHART_COLORS.closed }, barMaxWidth: 22 },
    ],
  };
}

/** Satisfaction rate per month (line, %) over the number of evaluations (bars). */
export function satisfactionTrendOption(
  rows: readonly { month: string; satisfactionRate: number | null; evaluated: number }[],
  opts: { interactive?: boolean } = {},
): EChartsOption {
  const interactive = opts.interactive ?? false;
  return {
    ...base(interactive),
    tooltip: interactive ? { trigger: 'axis' } : undefined,
    xAxis: { type: 'category', data: monthLabels(rows.map((r) => r.month)) },
    yAxis: [
      { type: 'value', name: '满意率 %', min: 0, max: 100, axisLabel: { formatter: '{value}' } },
      { type: 'value', name: '评价 件', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      {
        name: '评价件数',
        type: 'bar',
        yAxisIndex: 1,
        data: rows.map((r) => r.evaluated),
        itemStyle: { color: '#c9d6ea' },
        barMaxWidth: 18,
      },
      {
        name: '满意率',
        type: 'line',
        data: rows.map((r) => pct(r.satisfactionRate)),
        connectNulls: true,
        itemStyle: { color: CHART_COLORS.rate },
        lineStyle: { width: 2 },
        symbolSize: 6,
        label: interactive ? undefined : { show: true, formatter: '{c}%', fontSize: 10 },
      },
    ],
  };
}

type UnitRates = { unitName: string | null; contactOnTimeRate: number | null; opinionOnTimeRate: number | null; resolutionOnTimeRate: number | null };

/** The three 2115 on-time rates by unit (grouped horizontal bars, %), units in the order given. */
export function unitOnTimeOption(rows: readonly UnitRates[], opts: { interactive?: boolean } = {}): EChartsOption {
  const interactive = opts.interactive ?? false;
  const names = rows.map((r) => r.unitName ?? '未派单');
  return {
    ...base(interactive),
    grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
    tooltip: interactive ? { trigger: 'axis', axisPointer: { type: 'shadow' } } : undefined,
    xAxis: { type: 'value', min: 0, max: 100, name: '%' },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 130, overflow: 'truncate' } },
    series: [
      { name: '联系（2小时）', type: 'bar', data: rows.map((r) => pct(r.contactOnTimeRate)), itemStyle: { color: CHART_COLORS.contact }, barMaxWidth: 8 },
      {
        name: '初步意见（1个工作日）',
        type: 'bar',
        data: rows.map((r) => pct(r.opinionOnTimeRate)),
        itemStyle: { color: CHART_COLORS.opinion },
        barMaxWidth: 8,
      },
      {
        name: '办结（15个工作日）',
        type: 'bar',
        data: rows.map((r) => pct(r.resolutionOnTimeRate)),
        itemStyle: { color: CHART_COLORS.resolution },
        barMaxWidth: 8,
      },
    ],
  };
}

/** A single value per label as horizontal bars (overdue by unit, a ranking). */
export function barListOption(
  rows: readonly { label: string; value: number | null }[],
  opts: { interactive?: boolean; color?: string; unit?: string; max?: number } = {},
): EChartsOption {
  const interactive = opts.interactive ?? false;
  return {
    ...base(interactive),
    legend: undefined,
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: interactive ? { trigger: 'axis', axisPointer: { type: 'shadow' } } : undefined,
    xAxis: { type: 'value', minInterval: 1, max: opts.max, name: opts.unit },
    yAxis: { type: 'category', data: rows.map((r) => r.label), inverse: true, axisLabel: { width: 180, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => r.value),
        itemStyle: { color: opts.color ?? CHART_COLORS.overdue },
        barMaxWidth: 14,
        label: { show: true, position: 'right', fontSize: 11 },
      },
    ],
  };
}

/** R8.1 each city's received and closed (bars) with its response rate (line, %). */
export function citiesOption(
  rows: readonly { name: string; received: number; closed: number; responseRate: number | null; satisfactionRate: number | null }[],
  opts: { interactive?: boolean } = {},
): EChartsOption {
  const interactive = opts.interactive ?? false;
  return {
    ...base(interactive),
    grid: { left: 48, right: 48, top: 44, bottom: 8, containLabel: true },
    tooltip: interactive ? { trigger: 'axis' } : undefined,
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.name.replace(/应急管理局$|应急局$/, '')),
      axisLabel: { interval: 0, rotate: rows.length > 10 ? 40 : 0 },
    },
    yAxis: [
      { type: 'value', name: '件', minInterval: 1 },
      { type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false } },
    ],
    series: [
      { name: '受理', type: 'bar', data: rows.map((r) => r.received), itemStyle: { color: CHART_COLORS.received }, barMaxWidth: 16 },
      { name: '办结', type: 'bar', data: rows.map((r) => r.closed), itemStyle: { color: CHART_COLORS.closed }, barMaxWidth: 16 },
      { name: '响应率', type: 'line', yAxisIndex: 1, data: rows.map((r) => pct(r.responseRate)), itemStyle: { color: CHART_COLORS.rate } },
      { name: '满意率', type: 'line', yAxisIndex: 1, data: rows.map((r) => pct(r.satisfactionRate)), itemStyle: { color: CHART_COLORS.opinion } },
    ],
  };
}
