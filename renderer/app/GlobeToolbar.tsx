import {
  ClearOutlined,
  ColumnHeightOutlined,
  ColumnWidthOutlined,
  GatewayOutlined,
  HomeOutlined,
} from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapController } from '../map/controller.js';
import type { MeasureKind, SceneModeName } from '../map/types.js';

interface GlobeToolbarProps {
  controller: MapController | null;
  measureKind: MeasureKind | null;
  onMeasureKind: (kind: MeasureKind | null) => void;
  sceneMode: SceneModeName;
}

const MEASURE_TOOLS: { kind: MeasureKind; icon: ReactNode }[] = [
  { kind: 'distance', icon: <ColumnWidthOutlined /> },
  { kind: 'area', icon: <GatewayOutlined /> },
  { kind: 'height', icon: <ColumnHeightOutlined /> },
];

/** Tools floating on the globe: measurement, 2D/3D, home. */
export function GlobeToolbar({ controller, measureKind, onMeasureKind, sceneMode }: GlobeToolbarProps) {
  const { t } = useTranslation();
  return (
    <div className="cim-globe-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      {MEASURE_TOOLS.map(({ kind, icon }) => (
        <Tooltip key={kind} title={t(`measure.tool.${kind}`)} placement="right">
          <Button
            data-testid={`measure-${kind}`}
            aria-pressed={measureKind === kind}
            type={measureKind === kind ? 'primary' : 'default'}
            icon={icon}
            onClick={() => onMeasureKind(measureKind === kind ? null : kind)}
          />
        </Tooltip>
      ))}
      <Tooltip title={t('measure.clear')} placement="right">
        <Button data-testid="measure-clear" icon={<ClearOutlined />} onClick={() => controller?.clearMeasurement()} />
      </Tooltip>
      <div className="cim-toolbar-gap" />
      <Tooltip title={t(sceneMode === '2d' ? 'view.to3d' : 'view.to2d')} placement="right">
        <Button
          data-testid="mode-2d3d"
          disabled={!controller || sceneMode === 'morphing'}
          onClick={() => controller?.toggleSceneMode()}
        >
          {sceneMode === '2d' ? '3D' : '2D'}
        </Button>
      </Tooltip>
      <Tooltip title={t('view.home')} placement="right">
        <Button data-testid="view-home" icon={<HomeOutlined />} onClick={() => void controller?.home()} />
      </Tooltip>
    </div>
  );
}
