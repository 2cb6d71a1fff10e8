import { useTranslation } from 'react-i18next';
import { lonLatToGk } from '../../../layers/crs.js';
import { useMapEvent } from '../../app/use-map-event.js';
import type { JobsModel } from '../../app/use-jobs.js';
import { compactLength, degrees6, metres2 } from '../../format/units.js';
import type { MapController } from '../../map/controller.js';
import type { ViewInfo } from '../../map/types.js';
import { JobsIndicator } from './JobsIndicator.js';
import { ScaleBar } from './ScaleBar.js';
import { WorkspaceNotice } from './WorkspaceNotice.js';

const INITIAL_VIEW: ViewInfo = { cameraHeightM: 0, metresPerPixel: null, sceneMode: '3d' };

/** Cursor position (lon/lat and CGCS2000 3° Gauss-Krüger), heights, scale and jobs. */
export function StatusBar({ controller, jobs }: { controller: MapController | null; jobs: JobsModel }) {
  const { t } = useTranslation();
  const cursor = useMapEvent(controller, 'cursor', null);
  const view = useMapEvent(controller, 'view', INITIAL_VIEW);
  const gk = cursor ? lonLatToGk(cursor.lonDeg, cursor.latDeg, 3) : null;
  const camera = compactLength(view.cameraHeightM);

  return (
    <footer className="cim-statusbar">
      <span data-testid="status-lonlat" className="cim-status-cell cim-mono">
        {cursor
          ? t('status.lonLat', { lon: degrees6(cursor.lonDeg), lat: degrees6(cursor.latDeg) })
          : t('status.noCursor')}
      </span>
      <span data-testid="status-height" className="cim-status-cell cim-mono">
        {cursor ? t('status.height', { height: metres2(cursor.heightM) }) : null}
      </span>
      <span data-testid="status-gk" className="cim-status-cell cim-mono" title={t('status.gkHint')}>
        {gk ? t('status.gk', { x: gk.northingM.toFixed(2), y: gk.eastingM.toFixed(2), zone: gk.zone.zone }) : null}
      </span>
      <span data-testid="status-camera" className="cim-status-cell cim-mono">
        {t('status.camera', { value: camera.value, unit: t(`units.${camera.unit}`) })}
      </span>
      <ScaleBar metresPerPixel={view.metresPerPixel} />
      <span className="cim-status-spacer" />
      <WorkspaceNotice jobs={jobs} />
      <JobsIndicator model={jobs} />
    </footer>
  );
}
