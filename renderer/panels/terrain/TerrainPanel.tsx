import {
  Alert,
  App,
  Button,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Select,
  Slider,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnalysisModal } from '../analysis/AnalysisModal.js';
import type {
  CutFillSummary,
  FloodSummary,
  LosSummary,
  ProfileSummary,
  SkylineSummary,
  ViewshedSummary,
} from '../../../common/contract/terrain.js';
import { useApi } from '../../app/api-context.js';
import { useMapEvent } from '../../app/use-map-event.js';
import { useErrorText } from '../../app/use-notify-error.js';
import { resolveThematic } from '../../style/thematic.js';
import type { AnalysisPanelProps } from '../registry.js';
import { buildingLayers } from '../sunlight/SunlightSetup.js';
import { lookAt, useAnalysisRun } from '../analysis/run.js';
import { LineChartView, type ChartSeries } from './ProfileChart.js';
import {
  defaultPoints,
  formatPoints,
  parsePoints,
  POINTS_NEEDED,
  profileCsvText,
  type TerrainKind,
} from './use-terrain.js';

type Summary = LosSummary | ViewshedSummary | SkylineSummary | ProfileSummary | CutFillSummary | FloodSummary;

const fmt = (v: number, digits = 1): string =>
  v.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * The terrain analyses (issue #16): 通视, 可视域, 剖面, 土方量, 淹没. One form per kind: the
 * terrain layer and buildings, the points (typed as LON,LAT;… or drawn on the globe with the
 * measure tool), the kind's numbers; the result layer lands on the globe and its figures here.
 */
export function TerrainPanel({
  kind,
  layers,
  jobs,
  controller,
  notifyError,
  onClose,
}: AnalysisPanelProps & { kind: TerrainKind }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const model = useAnalysisRun<Record<string, unknown>, Summary>(kind, api, jobs, notifyError);
  const terrains = layers.filter((l) => l.kind === 'terrain');
  const candidates = buildingLayers(layers);
  const [terrain, setTerrain] = useState(terrains[0]?.name);
  const [buildings, setBuildings] = useState<string | undefined>(
    kind === 'flood' || kind === 'cut-fill' ? undefined : defaultBuildings(candidates),
  );
  const [pointsText, setPointsText] = useState(() => {
    const [lon, lat] = controller ? lookAt(controller.getCamera()) : [0, 0];
    return formatPoints(defaultPoints(kind, lon, lat));
  });
  const [drawing, setDrawing] = useState(false);
  const drawingRef = useRef(false);
  drawingRef.current = drawing;
  const animatingRef = useRef(false);
  const [fromH, setFromH] = useState(1.7);
  const [toH, setToH] = useState(1.7);
  const [height, setHeight] = useState(1.7);
  const [radius, setRadius] = useState(500);
  const [targetHeight, setTargetHeight] = useState(0);
  const [method, setMethod] = useState<'wang2000' | 'rays'>('wang2000');
  const [elevation, setElevation] = useState(100);
  const [gradient, setGradient] = useState<number | null>(null);
  const [azimuth, setAzimuth] = useState(0);
  const [level, setLevel] = useState(100);
  const [scheme, setScheme] = useState<string | undefined>(undefined);
  const measurement = useMapEvent(controller, 'measure', null);
  const [waterLevel, setWaterLevel] = useState<number | null>(null);
  const stopAnimation = useRef(false);
  useEffect(
    () => () => {
      stopAnimation.current = true;
      if (animatingRef.current) quietly(() => controller?.clearPreview());
    },
    [controller],
  );

  /**
   * The rising water: the flood result's depth bands drawn deepest first over the globe, so
   * the water spreads from the lowest pools up to the level (each step is the level minus
   * the band's lower depth).
   */
  const animate = useCallback(
    async (layer: string, s: FloodSummary) => {
      if (!controller) return;
      stopAnimation.current = false;
      animatingRef.current = true;
      const response = await fetch(api.featuresUrl(layer));
      const fc = (await response.json()) as { type: string; features: { properties: { band?: unknown } }[] };
      const entry = layers.find((l) => l.name === layer);
      const thematic = resolveThematic(
        entry?.style.thematic ?? { field: 'band', method: 'categories' },
        null,
        i18n.language,
      );
      const look = {
        style: { fillColor: '#2c7bb6', fillOpacity: 0.75, strokeColor: '#08306b', strokeWidthPx: 1, pointSizePx: 4 },
        thematic,
      };
      const n = s.bandDepthsM.length - 1;
      const stopped = (): boolean => stopAnimation.current;
      for (let k = 0; k < n && !stopped(); k++) {
        setWaterLevel(s.level - (s.bandDepthsM[k + 1] ?? 0));
        await controller.showPreview(
          { ...fc, features: fc.features.filter((f) => Number(f.properties.band) <= k) },
          null,
          look,
        );
        await new Promise((resolve) => setTimeout(resolve, 700));
      }
      await new Promise((resolve) => setTimeout(resolve, 1500));
      if (!stopped()) controller.clearPreview();
      animatingRef.current = false;
      setWaterLevel(null);
    },
    [api, controller, layers, i18n],
  );
  const running = model.job?.state === 'running';

  useEffect(() => {
    if (!drawing || !measurement || measurement.points.length === 0) return;
    setPointsText(formatPoints(measurement.points.map((p) => [p[0], p[1]])));
  }, [drawing, measurement]);
  useEffect(
    () => () => {
      if (drawingRef.current) quietly(() => controller?.setMeasureKind(null));
    },
    [controller],
  );

  const toggleDraw = (): void => {
    const next = !drawing;
    setDrawing(next);
    controller?.setMeasureKind(next ? (kind === 'cut-fill' ? 'area' : 'distance') : null);
  };

  const points = parsePoints(pointsText);
  const [minPts, maxPts] = POINTS_NEEDED[kind];
  const pointsOk = points !== null && points.length >= minPts && points.length <= maxPts;

  const run = (): void => {
    if (!points || !pointsOk) return;
    const common = { ...(terrain ? { terrain } : {}), ...(buildings ? { buildings } : {}) };
    const first = points[0] ?? [0, 0];
    const last = points[points.length - 1] ?? [0, 0];
    const params: Record<string, unknown> =
      kind === 'los'
        ? { ...common, from: [first[0], first[1], fromH], to: [last[0], last[1], toH] }
        : kind === 'viewshed'
          ? { ...common, observer: first, height, radius, targetHeight, method }
          : kind === 'skyline'
            ? { ...common, viewpoint: first, height, radius, ...(scheme ? { scheme } : {}) }
            : kind === 'profile'
              ? { ...common, line: points }
              : kind === 'cut-fill'
                ? {
                    ...common,
                    polygon: [[...points, first]],
                    elevation,
                    ...(gradient === null ? {} : { gradient, azimuth }),
                  }
                : { ...common, level, ...(points.length === 1 ? { seed: first } : {}) };
    setDrawing(false);
    controller?.setMeasureKind(null);
    model.start(params).catch((err: unknown) => void message.error(errorText(err)));
  };

  const s = model.summary;
  const hint = t(`terrain.pointsHint.${kind}`);
  return (
    <AnalysisModal
      title={t(`analysis.${kind}.title`)}
      testId="terrain"
      panelTestId={`terrain-panel-${kind}`}
      width={620}
      job={model.job}
      runLabel={t('terrain.run')}
      canRun={pointsOk}
      onRun={run}
      onCancel={() => void model.cancel()}
      onClose={onClose}
    >
      <Form layout="vertical" size="small" disabled={running}>
        <Alert type="info" showIcon title={t(`terrain.method.${kind}`)} />
        {terrains.length === 0 && <Alert type="warning" showIcon title={t('terrain.noTerrain')} />}
        <div className="cim-sunlight-row">
          <Form.Item label={t('terrain.terrain')}>
            <Select
              style={{ minWidth: 160 }}
              value={terrain}
              onChange={setTerrain}
              options={terrains.map((l) => ({ value: l.name, label: l.title }))}
            />
          </Form.Item>
          {kind !== 'flood' && kind !== 'cut-fill' && (
            <Form.Item label={t('terrain.buildings')}>
              <Select
                style={{ minWidth: 160 }}
                allowClear
                placeholder={t('terrain.noBuildings')}
                value={buildings}
                onChange={(v: string | undefined) => setBuildings(v)}
                options={candidates.filter((l) => l.kind === 'vector').map((l) => ({ value: l.name, label: l.title }))}
              />
            </Form.Item>
          )}
        </div>
        <Form.Item label={t(`terrain.points.${kind}`)} style={{ marginBottom: 0 }}>
          <Space.Compact style={{ width: '100%' }}>
            <Input data-testid="terrain-points" value={pointsText} onChange={(e) => setPointsText(e.target.value)} />
            <Button data-testid="terrain-draw" type={drawing ? 'primary' : 'default'} onClick={toggleDraw}>
              {drawing ? t('terrain.drawDone') : t('terrain.draw')}
            </Button>
          </Space.Compact>
        </Form.Item>
        {/* Plain text, not Form.Item help: that one animates in and out on every keystroke. */}
        <Typography.Text
          type={pointsOk ? 'secondary' : 'danger'}
          style={{ fontSize: 12 }}
          data-testid="terrain-points-help"
        >
          {pointsOk ? hint : t('terrain.pointsBad', { min: minPts, max: maxPts })}
        </Typography.Text>
        <div className="cim-sunlight-row" style={{ marginTop: 8 }}>
          {kind === 'los' && (
            <>
              <Form.Item label={t('terrain.fromH')}>
                <InputNumber data-testid="terrain-from-h" min={0} value={fromH} onChange={(v) => setFromH(v ?? 0)} />
              </Form.Item>
              <Form.Item label={t('terrain.toH')}>
                <InputNumber data-testid="terrain-to-h" min={0} value={toH} onChange={(v) => setToH(v ?? 0)} />
              </Form.Item>
            </>
          )}
          {kind === 'skyline' && (
            <>
              <Form.Item label={t('terrain.height')}>
                <InputNumber min={0} value={height} onChange={(v) => setHeight(v ?? 0)} />
              </Form.Item>
              <Form.Item label={t('terrain.radius')}>
                <InputNumber min={1} max={50000} value={radius} onChange={(v) => setRadius(v ?? 1)} />
              </Form.Item>
              <Form.Item label={t('terrain.scheme')}>
                <Select
                  style={{ minWidth: 160 }}
                  allowClear
                  placeholder={t('terrain.noBuildings')}
                  value={scheme}
                  onChange={(v: string | undefined) => setScheme(v)}
                  options={candidates
                    .filter((l) => l.kind === 'vector' && l.name !== buildings)
                    .map((l) => ({ value: l.name, label: l.title }))}
                />
              </Form.Item>
            </>
          )}
          {kind === 'viewshed' && (
            <>
              <Form.Item label={t('terrain.height')}>
                <InputNumber data-testid="terrain-height" min={0} value={height} onChange={(v) => setHeight(v ?? 0)} />
              </Form.Item>
              <Form.Item label={t('terrain.radius')}>
                <InputNumber
                  data-testid="terrain-radius"
                  min={0}
                  max={100000}
                  value={radius}
                  onChange={(v) => setRadius(v ?? 0)}
                />
              </Form.Item>
              <Form.Item label={t('terrain.targetHeight')}>
                <InputNumber min={0} value={targetHeight} onChange={(v) => setTargetHeight(v ?? 0)} />
              </Form.Item>
              <Form.Item label={t('terrain.viewshedMethod')}>
                <Select
                  style={{ minWidth: 150 }}
                  value={method}
                  onChange={setMethod}
                  options={(['wang2000', 'rays'] as const).map((m) => ({
                    value: m,
                    label: t(`terrain.methods.${m}`),
                  }))}
                />
              </Form.Item>
            </>
          )}
          {kind === 'cut-fill' && (
            <>
              <Form.Item label={t('terrain.elevation')}>
                <InputNumber data-testid="terrain-elevation" value={elevation} onChange={(v) => setElevation(v ?? 0)} />
              </Form.Item>
              <Form.Item label={t('terrain.gradient')}>
                <InputNumber
                  min={-1}
                  max={1}
                  step={0.01}
                  value={gradient}
                  placeholder={t('terrain.flat')}
                  onChange={(v) => setGradient(v)}
                />
              </Form.Item>
              {gradient !== null && (
                <Form.Item label={t('terrain.azimuth')}>
                  <InputNumber min={0} max={360} value={azimuth} onChange={(v) => setAzimuth(v ?? 0)} />
                </Form.Item>
              )}
            </>
          )}
          {kind === 'flood' && (
            <Form.Item label={t('terrain.level')} style={{ flex: 1 }}>
              <Space style={{ width: '100%' }}>
                <Slider
                  style={{ width: 260 }}
                  min={Math.floor((level - 20) / 10) * 10}
                  max={Math.ceil((level + 20) / 10) * 10}
                  step={0.1}
                  value={level}
                  onChange={setLevel}
                />
                <InputNumber data-testid="terrain-level" step={0.5} value={level} onChange={(v) => setLevel(v ?? 0)} />
              </Space>
            </Form.Item>
          )}
        </div>
      </Form>
      {s && model.resultLayer ? (
        <Results
          kind={kind}
          s={s}
          layer={model.resultLayer}
          waterLevel={waterLevel}
          onAnimate={(layer, fs) => void animate(layer, fs).catch(notifyError)}
        />
      ) : (
        <Empty description={t('terrain.empty')} />
      )}
    </AnalysisModal>
  );
}

/**
 * Runs a clean-up on the map controller that may already be gone: switching the language
 * rebuilds the globe, and the panel's clean-up then meets a destroyed viewer.
 */
function quietly(f: () => void): void {
  try {
    f();
  } catch {
    // the old globe is destroyed: nothing left to clear
  }
}

/** The newest survey of buildings (`buildings_2024` before `buildings_2022`), else the first footprint layer. */
function defaultBuildings(candidates: readonly { name: string; kind: string }[]): string | undefined {
  const vectors = candidates.filter((l) => l.kind === 'vector');
  const named = vectors.filter((l) => l.name.startsWith('buildings')).sort((a, b) => b.name.localeCompare(a.name));
  return (named[0] ?? vectors[0])?.name;
}

function Results({
  kind,
  s,
  layer,
  waterLevel,
  onAnimate,
}: {
  kind: TerrainKind;
  s: Summary;
  layer: string;
  waterLevel: number | null;
  onAnimate: (layer: string, s: FloodSummary) => void;
}) {
  const { t } = useTranslation();
  const facts = (
    <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
      {t('terrain.facts', { layer, dem: s.dem, crs: s.crs, cell: s.cellSizeM })}
      {s.reprojected && ` ${t('terrain.reprojected', { from: s.reprojected.from, to: s.reprojected.to })}`}
    </Typography.Paragraph>
  );
  if (kind === 'los' && 'visible' in s) {
    const ob = s.obstruction;
    return (
      <div data-testid="terrain-results">
        <Space>
          <Tag color={s.visible ? 'green' : 'red'} data-testid="los-verdict">
            {s.visible ? t('terrain.los.visible') : t('terrain.los.blocked')}
          </Tag>
          <Typography.Text>
            {t('terrain.los.seen', { seen: fmt(s.visibleLengthM), length: fmt(s.lengthM) })}
          </Typography.Text>
        </Space>
        {ob && (
          <Descriptions size="small" column={2} style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('terrain.los.by')}>
              {ob.kind === 'building'
                ? t('terrain.los.building', { id: ob.buildingId ?? '' })
                : t('terrain.los.terrain')}
            </Descriptions.Item>
            <Descriptions.Item label={t('terrain.los.at')}>{fmt(ob.distanceM)} m</Descriptions.Item>
            <Descriptions.Item label={t('terrain.los.z')}>{fmt(ob.z, 2)} m</Descriptions.Item>
            <Descriptions.Item label={t('terrain.los.above')}>{fmt(ob.aboveLineM, 2)} m</Descriptions.Item>
          </Descriptions>
        )}
        <Table
          size="small"
          rowKey="fromM"
          pagination={false}
          dataSource={s.segments}
          columns={[
            {
              title: t('terrain.los.part'),
              dataIndex: 'visible',
              render: (v: boolean) => (
                <Tag color={v ? 'green' : 'red'}>{v ? t('terrain.los.seenPart') : t('terrain.los.hiddenPart')}</Tag>
              ),
            },
            { title: t('terrain.los.fromM'), dataIndex: 'fromM', align: 'right' },
            { title: t('terrain.los.toM'), dataIndex: 'toM', align: 'right' },
          ]}
        />
        {facts}
      </div>
    );
  }
  if (kind === 'viewshed' && 'visibleAreaM2' in s) {
    return (
      <div data-testid="terrain-results">
        <Typography.Title level={5} data-testid="viewshed-summary">
          {t('terrain.viewshed.summary', { area: fmt(s.visibleAreaM2, 0), share: fmt(s.visibleShare * 100) })}
        </Typography.Title>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('terrain.viewshed.hidden')}>{fmt(s.hiddenAreaM2, 0)} m²</Descriptions.Item>
          <Descriptions.Item label={t('terrain.viewshed.ground')}>{fmt(s.observerGroundM, 2)} m</Descriptions.Item>
          <Descriptions.Item label={t('terrain.viewshed.method')} span={2}>
            {s.method}; {t('terrain.viewshed.curv', { k: s.curvCoeff })}
          </Descriptions.Item>
          {s.raster && <Descriptions.Item label={t('terrain.viewshed.raster')}>{s.raster}</Descriptions.Item>}
        </Descriptions>
        {facts}
      </div>
    );
  }
  if (kind === 'profile' && 'samples' in s) return <ProfileResults s={s} facts={facts} />;
  if (kind === 'skyline' && 'before' in s) return <SkylineResults s={s} facts={facts} />;
  if (kind === 'cut-fill' && 'cutM3' in s) {
    return (
      <div data-testid="terrain-results">
        <Typography.Title level={5} data-testid="cutfill-summary">
          {t('terrain.cutFill.summary', { cut: fmt(s.cutM3, 0), fill: fmt(s.fillM3, 0), area: fmt(s.areaM2, 0) })}
        </Typography.Title>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('terrain.cutFill.net')}>{fmt(s.netM3, 0)} m³</Descriptions.Item>
          <Descriptions.Item label={t('terrain.cutFill.max')}>
            {fmt(s.maxCutM, 2)} / {fmt(s.maxFillM, 2)} m
          </Descriptions.Item>
          <Descriptions.Item label={t('terrain.cutFill.method')} span={2}>
            {s.method}
          </Descriptions.Item>
        </Descriptions>
        {facts}
      </div>
    );
  }
  if (kind === 'flood' && 'floodedAreaM2' in s) {
    return (
      <div data-testid="terrain-results">
        <Typography.Title level={5} data-testid="flood-summary">
          {t('terrain.flood.summary', { area: fmt(s.floodedAreaM2, 0), level: s.level })}
        </Typography.Title>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('terrain.flood.volume')}>{fmt(s.volumeM3, 0)} m³</Descriptions.Item>
          <Descriptions.Item label={t('terrain.flood.maxDepth')}>{fmt(s.maxDepthM, 2)} m</Descriptions.Item>
          <Descriptions.Item label={t('terrain.flood.mode')} span={2}>
            {s.belowLowest
              ? t('terrain.flood.modes.below', { z: fmt(s.minGroundM, 2) })
              : t(s.seeded ? 'terrain.flood.modes.seeded' : 'terrain.flood.modes.all')}
          </Descriptions.Item>
        </Descriptions>
        <Space>
          <Button
            size="small"
            data-testid="flood-animate"
            disabled={waterLevel !== null || s.floodedAreaM2 === 0}
            onClick={() => onAnimate(layer, s)}
          >
            {t('terrain.flood.animate')}
          </Button>
          {waterLevel !== null && (
            <Typography.Text data-testid="flood-water-level">
              {t('terrain.flood.rising', { z: fmt(waterLevel, 2) })}
            </Typography.Text>
          )}
        </Space>
        {facts}
      </div>
    );
  }
  return null;
}

function ProfileResults({ s, facts }: { s: ProfileSummary; facts: React.ReactNode }) {
  const { t } = useTranslation();
  const series = useMemo<ChartSeries[]>(
    () => [
      { name: t('terrain.profile.ground'), colour: '#8c6d3f', area: true, data: s.samples.map((p) => [p.d, p.ground]) },
      { name: t('terrain.profile.roofs'), colour: '#1677ff', data: s.samples.map((p) => [p.d, p.roof]) },
    ],
    [s, t],
  );
  const download = (): void => {
    const blob = new Blob([profileCsvText(s)], { type: 'text/csv' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'profile.csv';
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div data-testid="terrain-results">
      <Typography.Title level={5} data-testid="profile-summary">
        {t('terrain.profile.summary', {
          length: fmt(s.lengthM),
          min: fmt(s.minM),
          max: fmt(s.maxM),
          up: fmt(s.ascentM),
          down: fmt(s.descentM),
        })}
      </Typography.Title>
      <LineChartView
        series={series}
        xName={t('terrain.profile.x')}
        yName={t('terrain.profile.y')}
        height={220}
        testId="profile-chart"
      />
      {s.buildingsCut.length > 0 && (
        <Typography.Paragraph>{t('terrain.profile.cut', { ids: s.buildingsCut.join(', ') })}</Typography.Paragraph>
      )}
      <Button size="small" onClick={download} data-testid="profile-csv">
        {t('terrain.profile.csv')}
      </Button>
      {facts}
    </div>
  );
}

function SkylineResults({ s, facts }: { s: SkylineSummary; facts: React.ReactNode }) {
  const { t } = useTranslation();
  const series = useMemo<ChartSeries[]>(
    () => [
      { name: t('terrain.skyline.before'), colour: '#1677ff', area: true, data: s.before.map((q) => [q.az, q.el]) },
      ...(s.after
        ? [
            {
              name: t('terrain.skyline.after'),
              colour: '#d7191c',
              data: s.after.map((q): [number, number] => [q.az, q.el]),
            },
          ]
        : []),
    ],
    [s, t],
  );
  const top = Math.max(...s.before.map((q) => q.el));
  return (
    <div data-testid="terrain-results">
      <Typography.Title level={5} data-testid="skyline-summary">
        {t('terrain.skyline.summary', { top: fmt(top, 2), n: s.before.length })}
      </Typography.Title>
      {s.after && (
        <Typography.Paragraph data-testid="skyline-change">
          {t('terrain.skyline.change', { n: s.changedAzimuths, rise: fmt(s.maxRiseDeg, 2) })}
        </Typography.Paragraph>
      )}
      <LineChartView
        series={series}
        xName={t('terrain.skyline.x')}
        yName={t('terrain.skyline.y')}
        height={220}
        testId="skyline-chart"
      />
      {facts}
    </div>
  );
}

export const SkylinePanel = (p: AnalysisPanelProps) => <TerrainPanel kind="skyline" {...p} />;
export const LosPanel = (p: AnalysisPanelProps) => <TerrainPanel kind="los" {...p} />;
export const ViewshedPanel = (p: AnalysisPanelProps) => <TerrainPanel kind="viewshed" {...p} />;
export const ProfilePanel = (p: AnalysisPanelProps) => <TerrainPanel kind="profile" {...p} />;
export const CutFillPanel = (p: AnalysisPanelProps) => <TerrainPanel kind="cut-fill" {...p} />;
export const FloodPanel = (p: AnalysisPanelProps) => <TerrainPanel kind="flood" {...p} />;
