import { DownOutlined, RightOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerEntry } from '../../../common/contract/index.js';
import { landUseClass } from '../../../layers/landuse.js';
import type { LegendEntry } from '../../map/types.js';
import type { LegendItem } from '../../style/thematic.js';

interface LegendProps {
  entries: LegendEntry[];
  layers: LayerEntry[];
}

/** Land-use items read in the UI language (the code stays, the name follows the language). */
function itemLabel(item: LegendItem, method: LegendEntry['thematic']['method'], language: string): string {
  if (method !== 'landuse') return item.label;
  const cls = landUseClass(item.value === null ? null : String(item.value));
  if (!cls) return item.label;
  return `${cls.code} ${language.startsWith('zh') ? cls.nameZh : cls.nameEn}`;
}

/**
 * The colours on the globe, per shown layer with a thematic style (QGIS's legend, on the map).
 * Each layer's entry folds; the topmost is open, the others folded, so the legend does not
 * cover the city.
 */
export function Legend({ entries, layers }: LegendProps) {
  const { t, i18n } = useTranslation();
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  if (entries.length === 0) return null;
  const titleOf = (name: string): string => layers.find((l) => l.name === name)?.title ?? name;
  const toggle = (layer: string): void =>
    setToggled((current) => {
      const next = new Set(current);
      if (!next.delete(layer)) next.add(layer);
      return next;
    });
  return (
    <div className="cim-legend" data-testid="legend" aria-label={t('legend.title')}>
      {entries.map(({ layer, thematic }, index) => {
        const open = (index === 0) !== toggled.has(layer);
        return (
          <section key={layer} className="cim-legend-layer" data-testid={`legend-${layer}`}>
            <button
              type="button"
              className="cim-legend-title"
              aria-expanded={open}
              data-testid={`legend-toggle-${layer}`}
              onClick={() => toggle(layer)}
            >
              {open ? <DownOutlined /> : <RightOutlined />}
              <span>{titleOf(layer)}</span>
              <span className="cim-legend-field">{thematic.field}</span>
            </button>
            {open && (
              <ul>
                {thematic.legend.map((item) => (
                  <li key={String(item.value)}>
                    <span className="cim-legend-swatch" style={{ background: item.colour }} />
                    <span className="cim-legend-label">{itemLabel(item, thematic.method, i18n.language)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
