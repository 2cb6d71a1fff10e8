import { Descriptions } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { areaQuantities, lengthQuantities, metres2, type Quantity } from '../../format/units.js';
import type { MeasureKind, Measurement } from '../../map/types.js';

interface MeasurePanelProps {
  kind: MeasureKind | null;
  measurement: Measurement | null;
}

function quantities(t: TFunction, list: Quantity[]): string {
  return list.map((q) => `${q.value} ${t(`units.${q.unit}`)}`).join('  ·  ');
}

function rows(t: TFunction, m: Measurement) {
  switch (m.kind) {
    case 'distance':
      return [
        { key: 'value', label: t('measure.length'), children: quantities(t, lengthQuantities(m.valueM)) },
        { key: 'segments', label: t('measure.segments'), children: m.segmentsM.length },
      ];
    case 'area':
      return [
        { key: 'value', label: t('measure.area'), children: quantities(t, areaQuantities(m.valueM2)) },
        { key: 'perimeter', label: t('measure.perimeter'), children: quantities(t, lengthQuantities(m.perimeterM)) },
      ];
    case 'height':
      return [
        { key: 'value', label: t('measure.heightDifference'), children: `${metres2(m.valueM)} ${t('units.m')}` },
        { key: 'horizontal', label: t('measure.horizontal'), children: quantities(t, lengthQuantities(m.horizontalM)) },
        ...m.points.map((p, i) => ({
          key: `h${String(i)}`,
          label: t('measure.pointHeight', { n: i + 1 }),
          children: `${metres2(p[2])} ${t('units.m')}`,
        })),
      ];
  }
}

/** Results of the active measurement tool, in m/km, m²/公顷/km². */
export function MeasurePanel({ kind, measurement }: MeasurePanelProps) {
  const { t } = useTranslation();
  if (!kind && !measurement) return null;
  const shownKind = measurement?.kind ?? kind;
  return (
    <section className="cim-section" data-testid="measure-result">
      <div className="cim-panel-header">
        <span>{shownKind ? t(`measure.tool.${shownKind}`) : null}</span>
        {measurement?.finished && <span className="cim-muted">{t('measure.finished')}</span>}
      </div>
      <div className="cim-panel-body">
        {measurement ? (
          <Descriptions
            size="small"
            bordered
            column={1}
            items={rows(t, measurement).map((row) => ({
              ...row,
              children: <span data-testid={`measure-${row.key}`}>{row.children}</span>,
            }))}
          />
        ) : null}
        {kind && <p className="cim-muted cim-hint">{t(`measure.hint.${kind}`)}</p>}
      </div>
    </section>
  );
}
