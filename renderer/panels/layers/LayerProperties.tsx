import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  BgColorsOutlined,
  BuildOutlined,
  DeleteOutlined,
  TableOutlined,
  ZoomInOutlined,
} from '@ant-design/icons';
import { Button, ColorPicker, Descriptions, InputNumber, Popconfirm, Slider, Space, Tooltip } from 'antd';
import type { AggregationColor } from 'antd/es/color-picker/color';
import { useTranslation } from 'react-i18next';
import type { LayerEntry } from '../../../common/contract/index.js';
import type { LayerPatch } from '../../app/use-layers.js';
import { ThematicEditor } from './ThematicEditor.js';

interface LayerPropertiesProps {
  entry: LayerEntry;
  canMoveUp: boolean;
  canMoveDown: boolean;
  onPreview: (patch: LayerPatch) => void;
  onUpdate: (patch: LayerPatch) => void;
  onMove: (step: -1 | 1) => void;
  onZoom: () => void;
  /** Opens the layer's attribute table (vector layers). */
  onOpenTable?: (() => void) | undefined;
  /** Opens the style editor (vector layers). */
  onOpenStyle?: (() => void) | undefined;
  onRemove: () => void;
  /** Footprints → 3D buildings; offered for polygon layers. */
  onExtrude: () => void;
}

/** The contract's colours are opaque `#rrggbb`; alpha lives in the opacity fields. */
function hexOf(color: AggregationColor): string {
  return `#${color.toHex().slice(0, 6)}`;
}

const percent = (value: number): number => Math.round(value * 100);

/** Styling and actions for the layer selected in the tree (QGIS's layer styling panel, small). */
export function LayerProperties(props: LayerPropertiesProps) {
  const { entry, onPreview, onUpdate } = props;
  const { t } = useTranslation();
  const { style } = entry;
  const id = entry.name;
  const styled = entry.kind === 'vector' || entry.kind === 'tiles3d';
  const epochs = entry.tiles?.epochs ?? [];

  return (
    <section className="cim-layer-properties" data-testid={`layer-properties-${id}`}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'name', label: t('layers.name'), children: entry.name },
          { key: 'kind', label: t('layers.kindLabel'), children: t(`layers.kind.${entry.kind}`) },
          ...(entry.kind === 'vector' || entry.kind === 'tiles3d'
            ? [
                { key: 'geometry', label: t('layers.geometry'), children: t(`geometry.${entry.geometryType}`) },
                { key: 'count', label: t('layers.count'), children: entry.featureCount.toLocaleString() },
              ]
            : []),
          ...(epochs.length > 0 ? [{ key: 'epochs', label: t('layers.epochs'), children: epochs.join(' / ') }] : []),
          { key: 'crs', label: t('layers.sourceCrs'), children: entry.sourceCrs ?? '—' },
        ]}
      />
      <label className="cim-field" data-testid={`layer-opacity-${id}`}>
        <span>{t('layers.opacity')}</span>
        <Slider
          min={0}
          max={100}
          value={percent(entry.opacity)}
          onChange={(value) => onPreview({ opacity: value / 100 })}
          onChangeComplete={(value) => onUpdate({ opacity: value / 100 })}
        />
      </label>
      {styled && <ThematicEditor entry={entry} onChange={(thematic) => onUpdate({ style: { thematic } })} />}
      {styled && (
        <label className="cim-field">
          <span>{t('layers.fillOpacity')}</span>
          <Slider
            min={0}
            max={100}
            value={percent(style.fillOpacity)}
            onChange={(value) => onPreview({ style: { fillOpacity: value / 100 } })}
            onChangeComplete={(value) => onUpdate({ style: { fillOpacity: value / 100 } })}
          />
        </label>
      )}
      {styled && (
        <Space wrap size="small" className="cim-style-row">
          <span>{t('layers.fill')}</span>
          <ColorPicker
            size="small"
            disabledAlpha
            value={style.fillColor}
            onChangeComplete={(color) => onUpdate({ style: { fillColor: hexOf(color) } })}
          />
          <span>{t('layers.stroke')}</span>
          <ColorPicker
            size="small"
            disabledAlpha
            value={style.strokeColor}
            onChangeComplete={(color) => onUpdate({ style: { strokeColor: hexOf(color) } })}
          />
          <Tooltip title={t('layers.strokeWidth')}>
            <InputNumber
              size="small"
              min={0}
              max={20}
              value={style.strokeWidthPx}
              suffix="px"
              style={{ width: 72 }}
              onChange={(value) => value !== null && onUpdate({ style: { strokeWidthPx: value } })}
            />
          </Tooltip>
        </Space>
      )}
      <Space size="small" className="cim-layer-actions">
        <Tooltip title={t('layers.zoomTo')}>
          <Button size="small" data-testid={`layer-zoom-${id}`} icon={<ZoomInOutlined />} onClick={props.onZoom} />
        </Tooltip>
        {props.onOpenTable && (
          <Tooltip title={t('table.open')}>
            <Button
              size="small"
              data-testid={`layer-table-${id}`}
              icon={<TableOutlined />}
              onClick={props.onOpenTable}
            />
          </Tooltip>
        )}
        {props.onOpenStyle && (
          <Tooltip title={t('style.open')}>
            <Button
              size="small"
              data-testid={`layer-style-${id}`}
              icon={<BgColorsOutlined />}
              onClick={props.onOpenStyle}
            />
          </Tooltip>
        )}
        <Tooltip title={t('layers.moveUp')}>
          <Button
            size="small"
            data-testid={`layer-up-${id}`}
            icon={<ArrowUpOutlined />}
            disabled={!props.canMoveUp}
            onClick={() => props.onMove(-1)}
          />
        </Tooltip>
        <Tooltip title={t('layers.moveDown')}>
          <Button
            size="small"
            data-testid={`layer-down-${id}`}
            icon={<ArrowDownOutlined />}
            disabled={!props.canMoveDown}
            onClick={() => props.onMove(1)}
          />
        </Tooltip>
        {entry.kind === 'vector' && /POLYGON/.test(entry.geometryType) && (
          <Tooltip title={t('extrude.action')}>
            <Button
              size="small"
              data-testid={`layer-extrude-${id}`}
              icon={<BuildOutlined />}
              onClick={props.onExtrude}
            />
          </Tooltip>
        )}
        <Popconfirm
          title={t('layers.removeConfirm', { title: entry.title })}
          okText={t('common.remove')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={props.onRemove}
        >
          <Button size="small" danger data-testid={`layer-remove-${id}`} icon={<DeleteOutlined />}>
            {t('common.remove')}
          </Button>
        </Popconfirm>
      </Space>
    </section>
  );
}
