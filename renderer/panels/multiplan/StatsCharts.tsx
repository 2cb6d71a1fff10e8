import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MultiplanSummary } from '../../../common/contract/index.js';
import { barChartLayout } from './chart-layout.js';
import { EChart } from './EChart.js';
import { SEVERITY_COLOURS } from './severity.js';

interface StatsChartsProps {
  summary: MultiplanSummary;
}

/** Labels wrap at this width at most (the panel is 560 px wide): never cut short. */
const MAX_LABEL_PX = 220;

interface Bars {
  option: EChartsCoreOption;
  heightPx: number;
}

function bars(labels: string[], values: number[], colours: string[] | string): Bars {
  const layout = barChartLayout(labels, MAX_LABEL_PX);
  const option: EChartsCoreOption = {
    animation: false,
    grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value' },
    yAxis: {
      type: 'category',
      data: labels,
      inverse: true,
      axisLabel: { width: layout.labelWidthPx, overflow: 'break', lineHeight: 16 },
    },
    series: [
      {
        type: 'bar',
        data: values.map((v, i) => ({
          value: Math.round(v * 10) / 10,
          itemStyle: { color: Array.isArray(colours) ? colours[i] : colours },
        })),
      },
    ],
  };
  return { option, heightPx: layout.heightPx };
}

/** The review's statistics as ECharts: by rule, by severity, by class pair, by district. */
export function StatsCharts({ summary }: StatsChartsProps) {
  const { t } = useTranslation();
  const options = useMemo(() => {
    const rules = summary.byRule.filter((r) => r.count > 0);
    const pairs = summary.byPair
      .filter((p) => p.conflictCount > 0)
      .sort((a, b) => b.conflictAreaM2 - a.conflictAreaM2)
      .slice(0, 10);
    const districts = summary.byDistrict.slice(0, 10);
    const side = (layer: string, cls: string | null, name: string | null): string =>
      `${layer}:${cls ?? '—'}${name && name !== cls ? ` ${name}` : ''}`;
    return {
      byRule: bars(
        rules.map((r) => `${r.ruleId} ${r.reasonZh}`),
        rules.map((r) => r.areaM2),
        rules.map((r) => SEVERITY_COLOURS[r.severity]),
      ),
      bySeverity: {
        animation: false,
        tooltip: { trigger: 'item' },
        series: [
          {
            type: 'pie',
            radius: '70%',
            data: (['high', 'medium', 'low'] as const).map((k) => ({
              name: t(`multiplan.severity.${k}`),
              value: Math.round(summary.bySeverity[k].areaM2 * 10) / 10,
              itemStyle: { color: SEVERITY_COLOURS[k] },
            })),
          },
        ],
      } satisfies EChartsCoreOption,
      byPair: bars(
        pairs.map((p) => `${side(p.layerA, p.classA, p.nameA)} × ${side(p.layerB, p.classB, p.nameB)}`),
        pairs.map((p) => p.conflictAreaM2),
        '#5470c6',
      ),
      byDistrict: bars(
        districts.map((d) => d.district ?? t('multiplan.results.outsideDistricts')),
        districts.map((d) => d.areaM2),
        '#91cc75',
      ),
    };
  }, [summary, t]);
  return (
    <div className="cim-multiplan-charts">
      <section>
        <h4>{t('multiplan.results.byRule')}</h4>
        <EChart option={options.byRule.option} height={options.byRule.heightPx} testId="chart-by-rule" />
      </section>
      <section>
        <h4>{t('multiplan.results.bySeverity')}</h4>
        <EChart option={options.bySeverity} height={160} testId="chart-by-severity" />
      </section>
      <section>
        <h4>{t('multiplan.results.byPair')}</h4>
        <EChart option={options.byPair.option} height={options.byPair.heightPx} testId="chart-by-pair" />
      </section>
      <section>
        <h4>{t('multiplan.results.byDistrict')}</h4>
        {summary.districtSource === null ? (
          <p className="cim-multiplan-note" data-testid="chart-by-district-none">
            {t('multiplan.results.noDistrictSource')}
          </p>
        ) : (
          <>
            <p className="cim-multiplan-note">
              {t('multiplan.results.districtSource', { source: summary.districtSource })}
            </p>
            <EChart
              option={options.byDistrict.option}
              height={options.byDistrict.heightPx}
              testId="chart-by-district"
            />
          </>
        )}
      </section>
    </div>
  );
}
