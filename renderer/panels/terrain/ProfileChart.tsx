import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

export interface ChartSeries {
  name: string;
  colour: string;
  /** [x, y] pairs; y null leaves a gap. */
  data: [number, number | null][];
  area?: boolean;
}

/** A line chart (ECharts, canvas): the profile's ground and roofs. */
export function LineChartView({
  series,
  xName,
  yName,
  height,
  testId,
}: {
  series: ChartSeries[];
  xName: string;
  yName: string;
  height: number;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      grid: { left: 56, right: 16, top: 28, bottom: 36 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 22 },
      yAxis: { type: 'value', name: yName, scale: true },
      series: series.map((s) => ({
        name: s.name,
        type: 'line',
        showSymbol: false,
        connectNulls: false,
        data: s.data,
        lineStyle: { color: s.colour, width: 1.5 },
        itemStyle: { color: s.colour },
        ...(s.area ? { areaStyle: { color: s.colour, opacity: 0.25 } } : {}),
      })),
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [series, xName, yName]);
  return <div ref={ref} style={{ height, width: '100%' }} data-testid={testId} />;
}
