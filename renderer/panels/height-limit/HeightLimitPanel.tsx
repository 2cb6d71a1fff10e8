import { Alert, App, Button, Empty, Form, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnalysisModal } from '../analysis/AnalysisModal.js';
import type { HeightLimitParams, HeightLimitSummary } from '../../../common/contract/sunlight.js';
import { useApi } from '../../app/api-context.js';
import { useErrorText } from '../../app/use-notify-error.js';
import type { AnalysisPanelProps } from '../registry.js';
import { buildingLayers } from '../sunlight/SunlightSetup.js';
import { lookAt, useAnalysisRun } from '../analysis/run.js';

type Surface = HeightLimitParams['surface'];

/** 控高分析: buildings against one limit, the regulatory plan's parcel limits, or an inclined or conical surface. */
export function HeightLimitPanel({ layers, jobs, controller, notifyError, onClose }: AnalysisPanelProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const model = useAnalysisRun<HeightLimitParams, HeightLimitSummary>('height-limit', api, jobs, notifyError);
  const candidates = buildingLayers(layers);
  const parcels = layers.filter(
    (l) => l.kind === 'vector' && (l.geometryType === 'POLYGON' || l.geometryType === 'MULTIPOLYGON'),
  );
  const [buildings, setBuildings] = useState(candidates.find((l) => l.kind === 'tiles3d')?.name ?? candidates[0]?.name);
  const [surface, setSurface] = useState<Surface>('constant');
  const [limitM, setLimitM] = useState(60);
  const [plan, setPlan] = useState(parcels.find((l) => l.name === 'plan_regulatory')?.name ?? parcels[0]?.name);
  const [originHeightM, setOriginHeightM] = useState(150);
  const [azimuthDeg, setAzimuthDeg] = useState(0);
  const [gradient, setGradient] = useState(0.02);
  const [innerRadiusM, setInnerRadiusM] = useState(100);
  const running = model.job?.state === 'running';

  const run = (): void => {
    if (!buildings) return;
    const [lon, lat] = controller ? lookAt(controller.getCamera()) : [0, 0];
    const params: HeightLimitParams =
      surface === 'constant'
        ? { buildings, surface, limitM }
        : surface === 'parcel'
          ? { buildings, surface, ...(plan ? { parcels: plan } : {}) }
          : surface === 'inclined'
            ? { buildings, surface, originLon: lon, originLat: lat, originHeightM, azimuthDeg, gradient }
            : { buildings, surface, originLon: lon, originLat: lat, originHeightM, gradient, innerRadiusM };
    model.start(params).catch((err: unknown) => void message.error(errorText(err)));
  };
  const s = model.summary;
  return (
    <AnalysisModal
      title={t('analysis.height-limit.title')}
      testId="height-limit"
      job={model.job}
      runLabel={t('heightLimit.run')}
      canRun={Boolean(buildings)}
      onRun={run}
      onCancel={() => void model.cancel()}
      onClose={onClose}
    >
      <Form layout="vertical" size="small" disabled={running}>
        <Alert type="info" showIcon title={t('heightLimit.rule')} />
        <Space wrap>
          <Form.Item label={t('heightLimit.buildings')}>
            <Select
              style={{ minWidth: 160 }}
              value={buildings}
              onChange={setBuildings}
              options={candidates.map((l) => ({ value: l.name, label: l.title }))}
            />
          </Form.Item>
          <Form.Item label={t('heightLimit.surface')}>
            <Select
              data-testid="height-limit-surface"
              style={{ minWidth: 200 }}
              value={surface}
              onChange={setSurface}
              options={(['constant', 'parcel', 'inclined', 'conical'] as const).map((k) => ({
                value: k,
                label: t(`heightLimit.surfaces.${k}`),
              }))}
            />
          </Form.Item>
        </Space>
        {surface === 'constant' && (
          <Form.Item label={t('heightLimit.limitM')}>
            <InputNumber data-testid="height-limit-limit" min={0} value={limitM} onChange={(v) => setLimitM(v ?? 0)} />
          </Form.Item>
        )}
        {surface === 'parcel' && (
          <Form.Item label={t('heightLimit.parcels')}>
            <Select
              style={{ minWidth: 200 }}
              value={plan}
              onChange={setPlan}
              options={parcels.map((l) => ({ value: l.name, label: l.title }))}
            />
          </Form.Item>
        )}
        {(surface === 'inclined' || surface === 'conical') && (
          <Space wrap>
            <Typography.Text type="secondary">{t('heightLimit.origin')}</Typography.Text>
            <Form.Item label={t('heightLimit.originHeightM')}>
              <InputNumber value={originHeightM} onChange={(v) => setOriginHeightM(v ?? 0)} />
            </Form.Item>
            {surface === 'inclined' && (
              <Form.Item label={t('heightLimit.azimuthDeg')}>
                <InputNumber min={0} max={360} value={azimuthDeg} onChange={(v) => setAzimuthDeg(v ?? 0)} />
              </Form.Item>
            )}
            <Form.Item label={t('heightLimit.gradient')}>
              <InputNumber min={0} max={10} step={0.01} value={gradient} onChange={(v) => setGradient(v ?? 0)} />
            </Form.Item>
            {surface === 'conical' && (
              <Form.Item label={t('heightLimit.innerRadiusM')}>
                <InputNumber min={0} value={innerRadiusM} onChange={(v) => setInnerRadiusM(v ?? 0)} />
              </Form.Item>
            )}
          </Space>
        )}
      </Form>
      {s && model.resultLayer ? (
        <div data-testid="height-limit-results">
          <Typography.Title level={5} data-testid="height-limit-summary">
            {t('heightLimit.summary', {
              layer: model.resultLayer,
              checked: s.checked,
              exceeding: s.exceeding,
              max: s.maxExcessM.toFixed(2),
            })}
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={{ pageSize: 8, size: 'small' }}
            dataSource={s.buildings}
            columns={[
              { title: t('heightLimit.id'), dataIndex: 'id' },
              { title: t('heightLimit.height'), dataIndex: 'heightM', align: 'right' },
              { title: t('heightLimit.limit'), dataIndex: 'limitM', align: 'right' },
              { title: t('heightLimit.excess'), dataIndex: 'excessM', align: 'right' },
              { title: t('heightLimit.parcel'), dataIndex: 'parcelId' },
            ]}
          />
          <Button
            onClick={() =>
              api.download(model.resultLayer ?? '', 'pdf', { lang: i18n.language === 'en' ? 'en' : 'zh-CN' })
            }
          >
            {t('heightLimit.pdf')}
          </Button>
        </div>
      ) : (
        <Empty description={t('heightLimit.empty')} />
      )}
    </AnalysisModal>
  );
}
