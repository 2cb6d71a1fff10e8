import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

interface EChartProps {
  option: echarts.EChartsCoreOption;
  height: number;
  testId?: string;
}

/** One ECharts chart (canvas), created with its div and disposed with it. */
export function EChart({ option, height, testId }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, CanvasRenderer]);
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption(option);
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} style={{ height, width: '100%' }} data-testid={testId} />;
}
