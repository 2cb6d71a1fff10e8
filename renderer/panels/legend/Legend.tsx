import {
  CloseOutlined,
  DownOutlined,
  DragOutlined,
  MinusOutlined,
  RightOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerEntry } from '../../../common/contract/index.js';
import { fieldLabel } from '../../../layers/field-aliases.js';
import { landUseClass } from '../../../layers/landuse.js';
import { enumLabel } from '../../format/field-value.js';
import type { LegendEntry } from '../../map/types.js';
import type { LegendItem } from '../../style/thematic.js';
import {
  clampLegendOffset,
  legendMaxHeightPx,
  legendStartsCollapsed,
  type Offset,
  type Size,
} from './legend-layout.js';

interface LegendProps {
  entries: LegendEntry[];
  layers: LayerEntry[];
  /** A map tool (measuring) takes every click: the legend lets them through to the map. */
  passThrough?: boolean;
  /**
   * Floats on the map (default): folded at first on a small map, kept inside it. False where
   * a parent places it (presenting): open at first, sized by its parent's styles.
   */
  floating?: boolean;
}

/**
 * Land-use items read `code name` in the UI language (the national table's names may stay
 * Chinese in English, but always with their code); categories through i18next (severity
 * high/medium/low reads 严重/较重/一般 in Chinese).
 */
function itemLabel(item: LegendItem, entry: LegendEntry, t: ReturnType<typeof useTranslation>['t'], language: string) {
  const { method, field } = entry.thematic;
  if (method === 'landuse') {
    const cls = landUseClass(item.value === null ? null : String(item.value));
    if (!cls) return item.label;
    return `${cls.code} ${language.startsWith('zh') ? cls.nameZh : cls.nameEn}`;
  }
  if (method === 'categories' && typeof item.value === 'string') return enumLabel(t, field, item.value);
  return item.label;
}

/**
 * The colours on the globe, per shown layer with a thematic style (QGIS's legend, on the map).
 * Each layer's entry folds; the topmost is open, the others folded. The box moves by its
 * grip, collapses to its title bar and closes to a small button; it never takes a click
 * meant for the map while a map tool is on, and its text is not selectable by a click.
 * On a small map it starts folded, and it stays inside the map (see legend-layout.ts).
 */
export function Legend({ entries, layers, passThrough = false, floating = true }: LegendProps) {
  const { t, i18n } = useTranslation();
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  // null until the box first shows: then folded or open by the size of the map it sits on
  const [collapsed, setCollapsed] = useState<boolean | null>(floating ? null : false);
  const [closed, setClosed] = useState(false);
  const [offset, setOffset] = useState<Offset>({ x: 0, y: 0 });
  const [mapSize, setMapSize] = useState<Size | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const drag = useRef<{ start: Offset; pointer: Offset } | null>(null);
  const shown = floating && entries.length > 0 && !closed;
  useLayoutEffect(() => {
    const map = box.current?.parentElement;
    if (!shown || !map) return undefined;
    const measure = (): void => setMapSize({ width: map.clientWidth, height: map.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(map);
    return () => observer.disconnect();
  }, [shown]);
  useLayoutEffect(() => {
    if (collapsed === null && mapSize) setCollapsed(legendStartsCollapsed(mapSize));
  }, [collapsed, mapSize]);
  const folded = collapsed ?? true;
  // unfolding grows the box upward: keep it inside the map after every change of size
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !mapSize) return;
    const laidOut = { left: el.offsetLeft, top: el.offsetTop, width: el.offsetWidth, height: el.offsetHeight };
    const kept = clampLegendOffset(offset, laidOut, mapSize);
    if (kept.x !== offset.x || kept.y !== offset.y) setOffset(kept);
  }, [folded, mapSize, offset]);
  if (entries.length === 0) return null;
  if (closed) {
    return (
      <button
        type="button"
        className="cim-legend-reopen"
        data-testid="legend-reopen"
        aria-label={t('legendBox.show')}
        onClick={() => setClosed(false)}
      >
        <UnorderedListOutlined /> {t('legendBox.show')}
      </button>
    );
  }
  const titleOf = (name: string): string => layers.find((l) => l.name === name)?.title ?? name;
  const aliasOf = (layer: string, field: string): string =>
    fieldLabel(field, i18n.language, layers.find((l) => l.name === layer)?.fields.find((f) => f.name === field)?.alias);
  const toggle = (layer: string): void =>
    setToggled((current) => {
      const next = new Set(current);
      if (!next.delete(layer)) next.add(layer);
      return next;
    });
  const onGripDown = (event: ReactPointerEvent<HTMLSpanElement>): void => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { start: offset, pointer: { x: event.clientX, y: event.clientY } };
  };
  const onGripMove = (event: ReactPointerEvent<HTMLSpanElement>): void => {
    const d = drag.current;
    const el = box.current;
    if (!d || !el || !mapSize) return;
    const wanted = { x: d.start.x + event.clientX - d.pointer.x, y: d.start.y + event.clientY - d.pointer.y };
    // where the box sits without the drag: offsetLeft/Top ignore the transform
    const laidOut = { left: el.offsetLeft, top: el.offsetTop, width: el.offsetWidth, height: el.offsetHeight };
    setOffset(clampLegendOffset(wanted, laidOut, mapSize));
  };
  return (
    <div
      className={passThrough ? 'cim-legend is-pass-through' : 'cim-legend'}
      ref={box}
      data-testid="legend"
      data-collapsed={folded}
      aria-label={t('legend.title')}
      style={{
        transform: `translate(${String(offset.x)}px, ${String(offset.y)}px)`,
        maxHeight: mapSize ? legendMaxHeightPx(mapSize) : undefined,
      }}
    >
      <div className="cim-legend-bar">
        <span
          className="cim-legend-grip"
          data-testid="legend-grip"
          title={t('legendBox.move')}
          onPointerDown={onGripDown}
          onPointerMove={onGripMove}
          onPointerUp={() => (drag.current = null)}
        >
          <DragOutlined /> {t('legend.title')}
        </span>
        <button
          type="button"
          data-testid="legend-collapse"
          aria-label={t(folded ? 'legendBox.expand' : 'legendBox.collapse')}
          onClick={() => setCollapsed(!folded)}
        >
          {folded ? <RightOutlined /> : <MinusOutlined />}
        </button>
        <button
          type="button"
          data-testid="legend-close"
          aria-label={t('legendBox.close')}
          onClick={() => setClosed(true)}
        >
          <CloseOutlined />
        </button>
      </div>
      {!folded && (
        <div className="cim-legend-body">
          {entries.map((entry, index) => {
            const { layer, thematic } = entry;
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
                  <span className="cim-legend-field">{aliasOf(layer, thematic.field)}</span>
                </button>
                {open && (
                  <ul>
                    {thematic.legend.map((item) => (
                      <li key={String(item.value)}>
                        <span className="cim-legend-swatch" style={{ background: item.colour }} />
                        <span className="cim-legend-label">{itemLabel(item, entry, t, i18n.language)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}
