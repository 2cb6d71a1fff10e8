import { Form, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerEntry } from '../../../common/contract/index.js';
import { useApi } from '../../app/api-context.js';
import type { ExportFormat } from '../../../common/contract/index.js';
import { CrsSelect } from '../import/CrsSelect.js';

const FORMATS: readonly ExportFormat[] = ['geojson', 'gpkg', 'shapefile', 'kml', 'csv'];
const TEXT_ENCODINGS = ['UTF-8', 'GBK'];

interface ExportDialogProps {
  layers: LayerEntry[];
  initialLayer: string | null;
  onExported: (message: string) => void;
  onClose: () => void;
}

/**
 * Exports a layer as GeoJSON, GeoPackage, Shapefile, KML or CSV in a chosen CRS (KML is
 * always WGS 84) and, for Shapefile/CSV, a text encoding, as a download (`api.download`: the
 * browser saves it, Electron asks where).
 */
export function ExportDialog({ layers, initialLayer, onExported, onClose }: ExportDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [layer, setLayer] = useState<string | null>(initialLayer ?? layers[0]?.name ?? null);
  const [format, setFormat] = useState<ExportFormat>('geojson');
  const [crs, setCrs] = useState('EPSG:4326');
  const [encoding, setEncoding] = useState('UTF-8');
  const hasEncoding = format === 'shapefile' || format === 'csv';
  const choice = { crs: format === 'kml' ? undefined : crs, encoding: hasEncoding ? encoding : undefined };

  const submit = (): void => {
    if (!layer) return;
    api.download(layer, format, choice);
    onExported(t('export.started', { layer }));
    onClose();
  };

  return (
    <Modal
      open
      title={t('export.title')}
      okText={t('export.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !layer }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('export.layer')}>
          <Select
            data-testid="export-layer"
            value={layer}
            onChange={setLayer}
            options={layers.map((entry) => ({ value: entry.name, label: entry.title }))}
            notFoundContent={t('layers.empty')}
          />
        </Form.Item>
        <Form.Item label={t('export.format')}>
          <Radio.Group
            value={format}
            onChange={(event) => setFormat(event.target.value as ExportFormat)}
            data-testid="export-format"
            options={FORMATS.map((f) => ({ value: f, label: t(`export.formats.${f}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('export.crs')} help={format === 'kml' ? t('export.kmlWgs84') : undefined}>
          <CrsSelect
            testId="export-crs"
            webMapOffsets={false}
            disabled={format === 'kml'}
            value={format === 'kml' ? 'EPSG:4326' : crs}
            onChange={setCrs}
          />
        </Form.Item>
        {hasEncoding && (
          <Form.Item label={t('export.encoding')}>
            <Radio.Group
              data-testid="export-encoding"
              value={encoding}
              onChange={(event) => setEncoding(event.target.value as string)}
              options={TEXT_ENCODINGS.map((e) => ({ value: e, label: e }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
