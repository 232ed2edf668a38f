// One small React wrapper around ECharts (issue 16): the chart follows its container's size, takes the
// option as data (shared/charts.ts builds the options the reports render too) and disposes itself.
// Only the chart types and components the app uses are registered, so the chunk stays small.
import { useEffect, useRef } from 'react';
import type { EChartsOption } from 'echarts';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { REDUCED_MOTION } from './theme.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export function EChart({ option, height, label, testId }: { option: EChartsOption; height: number; label: string; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, null, { renderer: 'svg' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // The user's wish for less motion wins over the option's own animation (shared/charts.ts animates on screen).
    chart.current?.setOption({ textStyle: { fontFamily: 'inherit' }, ...option, ...(REDUCED_MOTION ? { animation: false } : {}) }, { notMerge: true });
  }, [option]);

  // role="img" + aria-label: the chart's meaning for screen readers (the figures are also in the tables).
  return <div ref={el} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}
