/**
 * Swipe comparison over the globe: pick a layer for each side, then drag the bar (or move
 * it with the arrow keys when it has focus). Both layers are shown while comparing; the
 * split goes when the comparison closes.
 */
import { CloseOutlined } from '@ant-design/icons';
import { Button, Select, Space } from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerEntry } from '../../../common/contract/index.js';
import type { LayerPatch } from '../../app/use-layers.js';
import type { MapController } from '../../map/controller.js';

/** Terrain cannot be split (one globe surface); the other kinds can. */
const SPLITTABLE = new Set<LayerEntry['kind']>(['vector', 'imagery', 'tiles3d']);
const KEY_STEP = 0.02;

interface CompareSwipeProps {
  controller: MapController | null;
  layers: LayerEntry[];
  update: (name: string, patch: LayerPatch) => Promise<void>;
  onClose: () => void;
  /** The layers either side to start with (a panel opening a comparison); else the first two. */
  initial?: { left: string; right: string };
}

export function CompareSwipe({ controller, layers, update, onClose, initial }: CompareSwipeProps) {
  const { t } = useTranslation();
  const candidates = layers.filter((l) => SPLITTABLE.has(l.kind));
  const [left, setLeft] = useState<string | null>(initial?.left ?? candidates[0]?.name ?? null);
  const [right, setRight] = useState<string | null>(initial?.right ?? candidates[1]?.name ?? null);
  const [position, setPosition] = useState(0.5);
  const barRef = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  const leftEntry = layers.find((l) => l.name === left);
  const rightEntry = layers.find((l) => l.name === right);
  useEffect(() => {
    const map = controller?.presentation();
    if (!map || !left || !right || left === right) return undefined;
    if (leftEntry && !leftEntry.visible) void update(left, { visible: true });
    if (rightEntry && !rightEntry.visible) void update(right, { visible: true });
    map.setSplit({ left, right });
    return () => map.setSplit(null);
    // visibility is made sure once per pair (the entries' later changes do not re-split)
  }, [controller, left, right]);

  useEffect(() => controller?.presentation().setSplitPosition(position), [controller, position]);

  const moveTo = (clientX: number): void => {
    const parent = barRef.current?.parentElement;
    if (!parent) return;
    const rect = parent.getBoundingClientRect();
    setPosition(Math.min(Math.max((clientX - rect.left) / rect.width, 0), 1));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (dragging.current) moveTo(e.clientX);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const delta = e.key === 'ArrowLeft' ? -KEY_STEP : e.key === 'ArrowRight' ? KEY_STEP : 0;
    if (delta === 0) return;
    e.preventDefault();
    setPosition((p) => Math.min(Math.max(p + delta, 0), 1));
  };

  const options = candidates.map((l) => ({ value: l.name, label: l.title }));
  const percent = `${String(position * 100)}%`;
  return (
    <>
      <div className="cim-compare-panel" data-testid="compare-panel">
        <Space size={6}>
          <Select
            size="small"
            style={{ width: 170 }}
            value={left}
            options={options}
            aria-label={t('compare.left')}
            data-testid="compare-left"
            onChange={setLeft}
          />
          <span>{t('compare.versus')}</span>
          <Select
            size="small"
            style={{ width: 170 }}
            value={right}
            options={options}
            aria-label={t('compare.right')}
            data-testid="compare-right"
            onChange={setRight}
          />
          <Button
            size="small"
            icon={<CloseOutlined />}
            aria-label={t('compare.close')}
            data-testid="compare-close"
            onClick={onClose}
          />
        </Space>
        {left !== null && left === right && <div className="cim-compare-hint">{t('compare.same')}</div>}
      </div>
      <span className="cim-compare-label" style={{ right: `calc(100% - ${percent} + 10px)` }}>
        {leftEntry?.title}
      </span>
      <span className="cim-compare-label" style={{ left: `calc(${percent} + 10px)` }}>
        {rightEntry?.title}
      </span>
      <div
        ref={barRef}
        className="cim-compare-bar"
        style={{ left: percent }}
        role="slider"
        tabIndex={0}
        aria-label={t('compare.bar')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(position * 100)}
        data-testid="compare-bar"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (dragging.current = false)}
        onKeyDown={onKeyDown}
      />
    </>
  );
}
