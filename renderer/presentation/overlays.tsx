/** The overlays presenting puts over the map: a compass and a scale sized for a projector. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMapEvent } from '../app/use-map-event.js';
import { compactLength } from '../format/units.js';
import { niceScaleBar } from '../format/scale-bar.js';
import type { MapController } from '../map/controller.js';

const SCALE_MAX_WIDTH_PX = 220;
const NO_VIEW = { cameraHeightM: 0, metresPerPixel: null, sceneMode: '3d' as const };

/** The camera's heading, kept up to date while the view turns. */
export function useHeading(controller: MapController | null): number {
  const [heading, setHeading] = useState(0);
  useEffect(() => controller?.presentation().onHeading(setHeading), [controller]);
  return heading;
}

/** A north arrow: it points where north is on the screen. */
export function Compass({ headingDeg }: { headingDeg: number }) {
  const { t } = useTranslation();
  return (
    <div className="cim-present-compass" data-testid="present-compass" aria-label={t('presentation.north')}>
      <svg viewBox="-50 -50 100 100" style={{ transform: `rotate(${String(-headingDeg)}deg)` }}>
        <circle r="46" fill="rgba(255,255,255,0.85)" stroke="#333" strokeWidth="3" />
        <polygon points="0,-38 14,10 0,2 -14,10" fill="#c0392b" />
        <polygon points="0,38 14,10 0,2 -14,10" fill="#555" />
        <text y="-14" textAnchor="middle" fontSize="18" fontWeight="700" fill="#fff">
          N
        </text>
      </svg>
    </div>
  );
}

export function ScaleOverlay({ controller }: { controller: MapController | null }) {
  const { t } = useTranslation();
  const view = useMapEvent(controller, 'view', NO_VIEW);
  const bar = view.metresPerPixel === null ? null : niceScaleBar(view.metresPerPixel, SCALE_MAX_WIDTH_PX);
  if (!bar) return null;
  const length = compactLength(bar.lengthM);
  return (
    <div className="cim-present-scale" data-testid="present-scale" data-length-m={bar.lengthM}>
      <span className="cim-present-scale-bar" style={{ width: `${String(Math.round(bar.widthPx))}px` }} />
      <span>
        {length.value} {t(`units.${length.unit}`)}
      </span>
    </div>
  );
}
