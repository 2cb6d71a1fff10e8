import {
  Alert,
  App,
  Button,
  Empty,
  Form,
  Input,
  Modal,
  Progress,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SuspectRow } from '../../../common/contract/change.js';
import { useApi } from '../../app/api-context.js';
import { useErrorText } from '../../app/use-notify-error.js';
import type { AnalysisPanelProps } from '../registry.js';
import { boxAround, useChange } from './use-change.js';
import '../sunlight/sunlight.css';

const KIND_COLOURS: Record<SuspectRow['kind'], string> = {
  in_protected_zone: 'green',
  no_permit: 'red',
  beyond_height: 'purple',
  beyond_footprint: 'orange',
};

const SCREENSHOT_WIDTH_PX = 960;

function pick(layers: AnalysisPanelProps['layers'], preferred: readonly string[]): string | undefined {
  return preferred.find((n) => layers.some((l) => l.name === n)) ?? layers[0]?.name;
}

/** 违法建设识别: two surveys against the permits and the prohibited zones, then the review of each suspect. */
export function ChangePanel({ layers, jobs, controller, notifyError, onClose, onCompare }: AnalysisPanelProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const model = useChange(api, jobs, notifyError);
  const polygons = layers.filter(
    (l) => l.kind === 'vector' && (l.geometryType === 'POLYGON' || l.geometryType === 'MULTIPOLYGON'),
  );
  const [before, setBefore] = useState(pick(polygons, ['buildings_2022']));
  const [after, setAfter] = useState(pick(polygons, ['buildings_2024']));
  const [permits, setPermits] = useState(pick(polygons, ['permits']));
  const [zones, setZones] = useState<string[]>(
    ['control_lines', 'road_redlines'].filter((n) => polygons.some((l) => l.name === n)),
  );
  const [reason, setReason] = useState('');
  const [dismissing, setDismissing] = useState(false);
  const [deciding, setDeciding] = useState(false);
  const running = model.run.job?.state === 'running';
  // the survey epochs the 3D buildings hold: the inspector flips between them at a suspect
  const epochs = [...new Set(layers.flatMap((l) => l.tiles?.epochs ?? []))].sort();
  const [epoch, setEpoch] = useState<string | null>(epochs.at(-1) ?? null);
  const showEpoch = (e: string): void => {
    setEpoch(e);
    controller?.setEpoch(e);
  };
  const current = model.current;

  useEffect(() => {
    if (current && controller) void controller.flyToBBox(boxAround(current.lon, current.lat, 60));
  }, [current, controller]);

  const run = (): void => {
    if (!before || !after || !permits) return;
    model.run
      .start({ before, after, permits, ...(zones.length ? { zones } : {}) })
      .catch((err: unknown) => void message.error(errorText(err)));
  };
  /** The globe at the suspect, attached to the case a confirmation files (JPEG, 960 px wide). */
  const screenshot = async (): Promise<{ contentType: 'image/jpeg'; base64: string } | undefined> => {
    if (!controller) return undefined;
    const canvas = await controller.presentation().thumbnail(SCREENSHOT_WIDTH_PX);
    const url = canvas.toDataURL('image/jpeg', 0.85);
    return { contentType: 'image/jpeg', base64: url.slice(url.indexOf(',') + 1) };
  };
  const decide = (decision: 'confirmed' | 'dismissed'): void => {
    if (!current) return;
    setDeciding(true);
    (decision === 'confirmed' ? screenshot() : Promise.resolve(undefined))
      .then((shot) => model.decide(current.fid, decision, decision === 'dismissed' ? reason : '', shot))
      .then((entry) => {
        if (entry?.caseId) void message.success(t('change.caseFiled', { caseId: entry.caseId }));
        setDismissing(false);
        setReason('');
        if (model.index < model.suspects.length - 1) model.select(model.index + 1);
      })
      .catch((err: unknown) => void message.error(errorText(err)))
      .finally(() => setDeciding(false));
  };
  const s = model.run.summary;
  const layerOptions = polygons.map((l) => ({ value: l.name, label: l.title }));
  const decisionOf = (fid: number) => model.decisions.get(fid);

  return (
    <Modal
      open
      title={t('analysis.change.title')}
      width={640}
      mask={false}
      classNames={{ wrapper: 'cim-modeless', body: 'cim-sunlight-body' }}
      style={{ top: 40, left: 8, margin: 0 }}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          {model.run.job && (
            <Progress percent={Math.round(model.run.job.progress * 100)} size="small" style={{ width: 140 }} />
          )}
          <Button onClick={onClose}>{t('common.close')}</Button>
          <Button
            type="primary"
            data-testid="change-run"
            loading={running}
            disabled={!before || !after || !permits}
            onClick={run}
          >
            {t('change.run')}
          </Button>
        </Space>
      }
    >
      <div data-testid="change-panel">
        <Form layout="vertical" size="small" disabled={running}>
          <Alert type="info" showIcon title={t('change.rule')} />
          <Space wrap>
            <Form.Item label={t('change.before')}>
              <Select style={{ minWidth: 150 }} value={before} onChange={setBefore} options={layerOptions} />
            </Form.Item>
            <Form.Item label={t('change.after')}>
              <Select style={{ minWidth: 150 }} value={after} onChange={setAfter} options={layerOptions} />
            </Form.Item>
            <Form.Item label={t('change.permits')}>
              <Select style={{ minWidth: 150 }} value={permits} onChange={setPermits} options={layerOptions} />
            </Form.Item>
          </Space>
          <Form.Item label={t('change.zones')}>
            <Select mode="multiple" value={zones} onChange={setZones} options={layerOptions} />
          </Form.Item>
        </Form>
        {s && model.run.resultLayer ? (
          <div data-testid="change-results">
            <Typography.Title level={5} data-testid="change-summary">
              {t('change.summary', { layer: model.run.resultLayer, count: s.count })}
            </Typography.Title>
            <Space wrap>
              {Object.entries(s.byKind).map(([k, n]) => (
                <Tag key={k} color={KIND_COLOURS[k as SuspectRow['kind']]}>
                  {t(`change.kinds.${k}`)} {n}
                </Tag>
              ))}
            </Space>
            {s.notes.map((n) => (
              <Alert key={n} type="warning" showIcon title={t(`change.notes.${n}`)} style={{ marginTop: 8 }} />
            ))}
            {current && (
              <div data-testid="change-current" style={{ margin: '8px 0' }}>
                <Space wrap>
                  <Button
                    data-testid="change-prev"
                    disabled={model.index === 0}
                    onClick={() => model.select(model.index - 1)}
                  >
                    {t('change.prev')}
                  </Button>
                  <Typography.Text data-testid="change-position">
                    {t('change.position', { n: model.index + 1, total: model.suspects.length })}
                  </Typography.Text>
                  <Button
                    data-testid="change-next"
                    disabled={model.index >= model.suspects.length - 1}
                    onClick={() => model.select(model.index + 1)}
                  >
                    {t('change.next')}
                  </Button>
                  <Typography.Text strong>{current.id}</Typography.Text>
                  <Tag color={KIND_COLOURS[current.kind]}>{t(`change.kinds.${current.kind}`)}</Tag>
                  <Typography.Text type="secondary">
                    {t('change.measures', {
                      area: current.excessAreaM2.toFixed(1),
                      height: current.excessHeightM.toFixed(1),
                    })}
                  </Typography.Text>
                </Space>
                <div style={{ marginTop: 6 }}>
                  <Space wrap>
                    <Button
                      type="primary"
                      data-testid="change-confirm"
                      loading={deciding}
                      onClick={() => decide('confirmed')}
                    >
                      {t('change.confirm')}
                    </Button>
                    <Button danger data-testid="change-dismiss" onClick={() => setDismissing(true)}>
                      {t('change.dismiss')}
                    </Button>
                    {onCompare && before && after && (
                      <Button data-testid="change-swipe" onClick={() => onCompare(before, after)}>
                        {t('change.swipe')}
                      </Button>
                    )}
                    {epochs.length > 1 && epoch !== null && (
                      <Space size={4}>
                        <Typography.Text type="secondary">{t('change.epoch')}</Typography.Text>
                        <Segmented
                          data-testid="change-epoch"
                          size="small"
                          value={epoch}
                          options={epochs}
                          onChange={showEpoch}
                        />
                      </Space>
                    )}
                    {dismissing && (
                      <>
                        <Input
                          data-testid="change-reason"
                          style={{ width: 220 }}
                          placeholder={t('change.reasonPlaceholder')}
                          value={reason}
                          onChange={(e) => setReason(e.target.value)}
                        />
                        <Button
                          data-testid="change-dismiss-ok"
                          disabled={reason.trim() === ''}
                          onClick={() => decide('dismissed')}
                        >
                          {t('change.dismissOk')}
                        </Button>
                      </>
                    )}
                  </Space>
                </div>
              </div>
            )}
            <Table
              size="small"
              rowKey="fid"
              data-testid="change-suspects"
              pagination={{ pageSize: 8, size: 'small' }}
              dataSource={[...model.suspects]}
              rowClassName={(r) => (r.fid === current?.fid ? 'ant-table-row-selected' : '')}
              onRow={(r) => ({ onClick: () => model.select(model.suspects.indexOf(r)) })}
              columns={[
                { title: t('change.id'), dataIndex: 'id' },
                {
                  title: t('change.kind'),
                  dataIndex: 'kind',
                  render: (k: SuspectRow['kind']) => <Tag color={KIND_COLOURS[k]}>{t(`change.kinds.${k}`)}</Tag>,
                },
                { title: t('change.score'), dataIndex: 'score', align: 'right' },
                {
                  title: t('change.excessArea'),
                  dataIndex: 'excessAreaM2',
                  align: 'right',
                  render: (v: number) => v.toFixed(1),
                },
                {
                  title: t('change.excessHeight'),
                  dataIndex: 'excessHeightM',
                  align: 'right',
                  render: (v: number) => v.toFixed(1),
                },
                { title: t('change.permit'), dataIndex: 'permit', render: (v: string | null) => v ?? '—' },
                {
                  title: t('change.review'),
                  dataIndex: 'fid',
                  render: (fid: number) => {
                    const d = decisionOf(fid);
                    return d ? (
                      <Tag color={d.decision === 'confirmed' ? 'red' : 'default'} title={d.reason}>
                        {t(`change.decisions.${d.decision}`)}
                        {d.caseId ? ` · ${d.caseId}` : ''}
                      </Tag>
                    ) : (
                      <Typography.Text type="secondary">{t('change.decisions.pending')}</Typography.Text>
                    );
                  },
                },
              ]}
            />
          </div>
        ) : (
          <Empty description={t('change.empty')} />
        )}
      </div>
    </Modal>
  );
}
