import { LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PipesSectionSummary } from '../../../common/contract/pipes.js';
import { pipeColour } from '../../../layers/pipelines.js';

/**
 * 横断面 chart: distance along the line across, elevation up; the ground line through the
 * pipes' ground points, each pipe a rectangle of its true width and height at its elevation.
 */
export function SectionChart({ summary }: { summary: PipesSectionSummary }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const option = useMemo((): echarts.EChartsCoreOption => {
    const pipes = summary.pipes;
    const lows = pipes.map((p) => p.bottomM);
    const highs = pipes.map((p) => p.groundM);
    const yMin = Math.floor(Math.min(...lows, ...highs) - 0.5);
    const yMax = Math.ceil(Math.max(...highs, ...lows) + 0.5);
    return {
      animation: false,
      grid: { left: 56, right: 16, top: 28, bottom: 40 },
      tooltip: { trigger: 'item' },
      xAxis: {
        type: 'value',
        name: t('pipes.section.offset'),
        nameLocation: 'middle',
        nameGap: 24,
        min: 0,
        max: Math.ceil(summary.lengthM),
      },
      yAxis: { type: 'value', name: t('pipes.section.elevation'), min: yMin, max: yMax },
      series: [
        {
          type: 'line',
          name: t('pipes.section.ground'),
          data: pipes.map((p) => [p.offsetM, p.groundM]),
          symbol: 'none',
          lineStyle: { color: '#8c6d31', width: 2 },
        },
        {
          type: 'scatter',
          name: t('pipes.section.pipes'),
          data: pipes.map((p) => ({
            value: [p.offsetM, p.topM - p.heightM / 2],
            name: `${p.pipeId} ${p.system} ${t('pipes.section.cover')} ${p.coverM.toFixed(2)} m`,
            itemStyle: { color: pipeColour(p.system), borderColor: '#333', borderWidth: 1 },
            symbol: p.widthM === p.heightM ? 'circle' : 'rect',
            symbolSize: [Math.max(6, p.widthM * 40), Math.max(6, p.heightM * 40)],
          })),
          tooltip: { formatter: (x: { name: string }) => x.name },
        },
      ],
    };
  }, [summary, t]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    echarts.use([LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption(option);
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} style={{ height: 260, width: '100%' }} data-testid="pipes-section-chart" />;
}
