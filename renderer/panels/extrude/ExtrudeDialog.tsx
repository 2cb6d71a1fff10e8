import { Alert, Form, Input, Modal, Progress, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerEntry } from '../../../common/contract/index.js';
import { useApi } from '../../app/api-context.js';
import type { JobsModel } from '../../app/use-jobs.js';
import { useErrorText } from '../../app/use-notify-error.js';

interface ExtrudeDialogProps {
  layer: LayerEntry;
  layers: readonly LayerEntry[];
  jobs: JobsModel;
  onDone: (resultLayer: string) => void;
  onClose: () => void;
}

type HeightMode = 'height' | 'floors';

const HEIGHT_NAMES = /^(height(_m)?|h|高度|建筑高度|jzgd)$/i;
const FLOOR_NAMES = /^(floors?|storeys?|层数|楼层数|cs)$/i;

/**
 * Footprints → 3D buildings (3D Tiles) from a polygon layer: the user says which field is
 * the height, or which holds storeys (× 3 m, as the summary says), and what to stand them
 * on. A layer without a numeric field cannot be extruded, and the dialog says so.
 */
export function ExtrudeDialog({ layer, layers, jobs, onDone, onClose }: ExtrudeDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const numeric = layer.fields.filter((f) => f.type === 'INTEGER' || f.type === 'REAL').map((f) => f.name);
  const guessHeight = numeric.find((name) => HEIGHT_NAMES.test(name));
  const guessFloors = numeric.find((name) => FLOOR_NAMES.test(name));
  const terrains = layers.filter((l) => l.kind === 'terrain');
  const [mode, setMode] = useState<HeightMode>(guessHeight || !guessFloors ? 'height' : 'floors');
  const [field, setField] = useState<string | undefined>(mode === 'height' ? guessHeight : guessFloors);
  const [terrain, setTerrain] = useState<string | undefined>(terrains[0]?.name);
  const [name, setName] = useState(`${layer.name}_3d`.slice(0, 60));
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const job = jobId ? jobs.jobs.get(jobId) : undefined;
  if (job?.state === 'done' && jobId) {
    setJobId(null);
    const result = job.result?.resultLayer;
    onDone(typeof result === 'string' ? result : name);
  }
  if (job && job.state !== 'running' && job.state !== 'done' && error === null) setError(job.error ?? job.state);

  const start = async (): Promise<void> => {
    if (!field) return;
    setError(null);
    try {
      const started = await api.invoke('tiles.build', {
        type: 'buildings',
        layers: [layer.name],
        ...(mode === 'height' ? { heightField: field } : { floorsField: field }),
        ...(terrain ? { terrain } : {}),
        name,
      });
      setJobId(started.jobId);
      await jobs.track(started.jobId);
    } catch (err) {
      setError(err);
    }
  };

  const running = job?.state === 'running';
  return (
    <Modal
      open
      title={t('extrude.title', { layer: layer.title })}
      okText={t('extrude.start')}
      cancelText={running ? t('extrude.cancelJob') : t('common.cancel')}
      okButtonProps={{
        disabled: !field || running || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name),
        ...({ 'data-testid': 'extrude-start' } as Record<string, string>),
      }}
      onOk={() => void start()}
      onCancel={() => (running && jobId ? void jobs.cancel(jobId) : onClose())}
      destroyOnHidden
    >
      {numeric.length === 0 ? (
        <Alert type="warning" showIcon data-testid="extrude-no-numeric" title={t('extrude.noNumeric')} />
      ) : (
        <Form layout="vertical" size="small">
          <Form.Item label={t('extrude.heightFrom')}>
            <Radio.Group
              value={mode}
              data-testid="extrude-mode"
              onChange={(e) => {
                const next = e.target.value as HeightMode;
                setMode(next);
                setField(next === 'height' ? guessHeight : guessFloors);
              }}
              options={[
                { value: 'height', label: t('extrude.modeHeight') },
                { value: 'floors', label: t('extrude.modeFloors') },
              ]}
            />
          </Form.Item>
          <Form.Item label={mode === 'height' ? t('extrude.heightField') : t('extrude.floorsField')}>
            <Select
              data-testid="extrude-field"
              value={field}
              placeholder={t('extrude.pickField')}
              options={numeric.map((n) => ({ value: n, label: n }))}
              onChange={setField}
            />
          </Form.Item>
          {mode === 'floors' && <p className="cim-muted">{t('extrude.floorsNote')}</p>}
          <Form.Item label={t('extrude.terrain')}>
            <Select
              allowClear
              value={terrain}
              placeholder={t('extrude.noTerrain')}
              options={terrains.map((l) => ({ value: l.name, label: l.title }))}
              onChange={(v: string | undefined) => setTerrain(v)}
            />
          </Form.Item>
          <Form.Item label={t('extrude.name')}>
            <Input data-testid="extrude-name" value={name} onChange={(e) => setName(e.target.value)} />
          </Form.Item>
        </Form>
      )}
      {running && <Progress data-testid="extrude-progress" percent={Math.round(job.progress * 100)} size="small" />}
      {error !== null && <Alert type="error" showIcon data-testid="extrude-error" title={errorText(error)} />}
    </Modal>
  );
}
