/**
 * What a raster, CityJSON, glTF or tileset source shows and asks before it becomes a tile
 * set: the raster's size, bands, type, nodata and corners (source CRS and lon/lat), what it
 * becomes (terrain or imagery), the level of detail, and a model's placement (lon, lat,
 * height, heading, scale; by default where the camera is).
 */
import { Descriptions, Form, InputNumber, Select, Table } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreviewLayer, RasterCorner, TiledPreview } from '../../../common/contract/index.js';
import type { ImportChoices, Placement } from './use-import-flow.js';

interface TiledOptionsViewProps {
  layer: PreviewLayer;
  tiled: TiledPreview;
  choices: ImportChoices;
  disabled: boolean;
  /** Where a model goes when the user has not said: the camera's point on the ground. */
  defaultPlace: () => { lon: number; lat: number } | null;
  onChoose: (patch: ImportChoices) => void;
}

const CORNERS = ['upperLeft', 'lowerLeft', 'upperRight', 'lowerRight', 'center'] as const;

function RasterFacts({ tiled }: { tiled: TiledPreview }) {
  const { t } = useTranslation();
  const r = tiled.raster;
  if (!r) return null;
  const rows = r.corners
    ? CORNERS.map((k) => ({ key: k, ...(r.corners as Record<(typeof CORNERS)[number], RasterCorner>)[k] }))
    : [];
  return (
    <>
      <Descriptions
        size="small"
        bordered
        column={4}
        data-testid="preview-raster"
        items={[
          { key: 'size', label: t('import.raster.size'), children: `${String(r.width)} × ${String(r.height)}` },
          {
            key: 'bands',
            label: t('import.raster.bands'),
            children: <span data-testid="preview-bands">{r.bands}</span>,
          },
          { key: 'type', label: t('import.raster.dataType'), children: r.dataType },
          { key: 'nodata', label: t('import.raster.nodata'), children: r.nodata === null ? '—' : String(r.nodata) },
        ]}
      />
      {rows.length > 0 && (
        <Table
          size="small"
          data-testid="preview-corners"
          rowKey="key"
          pagination={false}
          dataSource={rows}
          columns={[
            {
              key: 'corner',
              title: t('import.raster.corner'),
              render: (_: unknown, row) => t(`import.raster.corners.${row.key}`),
            },
            { key: 'x', title: 'X', render: (_: unknown, row) => row.x.toFixed(3) },
            { key: 'y', title: 'Y', render: (_: unknown, row) => row.y.toFixed(3) },
            { key: 'lon', title: t('import.raster.lon'), render: (_: unknown, row) => row.lon.toFixed(7) },
            { key: 'lat', title: t('import.raster.lat'), render: (_: unknown, row) => row.lat.toFixed(7) },
          ]}
        />
      )}
    </>
  );
}

export function TiledOptionsView({ layer, tiled, choices, disabled, defaultPlace, onChoose }: TiledOptionsViewProps) {
  const { t } = useTranslation();
  const placement = choices.placement;
  const placed = useRef(false);
  // A model has no place of its own: start it where the user is looking (once).
  useEffect(() => {
    if (!tiled.needsPlacement || placement || placed.current) return;
    placed.current = true;
    const at = defaultPlace() ?? { lon: 116.391, lat: 39.907 };
    onChoose({ placement: { lon: at.lon, lat: at.lat, heightM: 0, headingDeg: 0, scale: 1 } });
  }, [tiled.needsPlacement, placement, defaultPlace, onChoose]);

  const setPlace = (key: keyof Placement, value: number | null): void => {
    if (!placement || value === null || !Number.isFinite(value)) return;
    onChoose({ placement: { ...placement, [key]: value } });
  };
  const number = (key: keyof Placement, label: string, min: number, max: number, step: number) => (
    <Form.Item label={label}>
      <InputNumber
        data-testid={`import-place-${key}`}
        style={{ width: 130 }}
        disabled={disabled || !placement}
        min={min}
        max={max}
        step={step}
        value={placement?.[key]}
        onChange={(v) => setPlace(key, v)}
      />
    </Form.Item>
  );

  return (
    <div className="cim-import-tiled" data-testid="preview-tiled">
      <RasterFacts tiled={tiled} />
      <Form layout="inline" className="cim-import-options">
        <Form.Item label={t('import.tiledKind')}>
          {tiled.raster ? (
            <Select
              data-testid="import-target"
              style={{ width: 200 }}
              disabled={disabled}
              value={choices.target ?? tiled.raster.defaultTarget}
              onChange={(target: 'terrain' | 'imagery') => onChoose({ target })}
              options={tiled.raster.targets.map((k) => ({ value: k, label: t(`import.kinds.${k}`) }))}
            />
          ) : (
            <span data-testid="preview-tiled-kind">{t(`import.kinds.${tiled.kind}`)}</span>
          )}
        </Form.Item>
        {tiled.crsName && (
          <Form.Item label={t('import.crsName')}>
            <span data-testid="preview-crs-name">{tiled.crsName}</span>
          </Form.Item>
        )}
        {tiled.lods && tiled.lods.length > 0 && (
          <Form.Item label={t('import.lod')}>
            <Select
              data-testid="import-lod"
              style={{ width: 160 }}
              disabled={disabled}
              value={choices.lod ?? ''}
              onChange={(lod: string) => onChoose({ lod: lod || undefined })}
              options={[
                { value: '', label: t('import.lodHighest') },
                ...tiled.lods.map((l) => ({ value: l, label: `LoD ${l}` })),
              ]}
            />
          </Form.Item>
        )}
      </Form>
      {tiled.needsPlacement && (
        <Form layout="inline" className="cim-import-options" data-testid="import-placement">
          {number('lon', t('import.place.lon'), -180, 180, 0.0001)}
          {number('lat', t('import.place.lat'), -90, 90, 0.0001)}
          {number('heightM', t('import.place.heightM'), -12000, 100000, 1)}
          {number('headingDeg', t('import.place.headingDeg'), -360, 360, 5)}
          {number('scale', t('import.place.scale'), 0.001, 1000, 0.1)}
        </Form>
      )}
      {layer.featureCount > 0 && tiled.kind === 'tiles3d' && (
        <div className="cim-muted">{t('import.objects', { count: layer.featureCount })}</div>
      )}
    </div>
  );
}
