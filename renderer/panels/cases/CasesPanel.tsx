import { Badge, Modal, Tabs } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseCreate, CasePoints, CaseRow } from '../../../common/contract/index.js';
import { useApi } from '../../app/api-context.js';
import type { CaseMapMode } from '../../map/cases/case-overlay.js';
import type { LonLatHeight } from '../../map/types.js';
import type { AnalysisPanelProps } from '../registry.js';
import { CaseCreateForm } from './CaseCreateForm.js';
import { CaseDetail } from './CaseDetail.js';
import { CaseSyncBar } from './CaseSyncBar.js';
import { CaseMapBar, useSteps, type TimePlayer } from './CaseMapBar.js';
import { CaseStatsView, ConflictList } from './CaseStatsView.js';
import { CaseTable } from './CaseTable.js';
import { useCases } from './use-cases.js';

type Tab = 'list' | 'detail' | 'stats' | 'conflicts';

/** About 100 m around a case, for the camera. */
const AROUND_DEG = 0.001;

/**
 * 城管案件台: the inspector's and supervisor's desk. The table and the globe are linked both
 * ways (a row flies to its case and rings it; a case clicked on the globe opens here). While
 * the desk is open the globe draws the desk's cases itself (icons by 大类, clusters, heat,
 * the time player) in place of the plain `cases` layer. The case panel moves a case through
 * the workflow, a click on the globe places a new one, statistics carry their definitions,
 * and merge conflicts from case packages wait here for a person.
 */
export function CasesPanel({ controller, layers, notifyError, onClose }: AnalysisPanelProps) {
  const { t } = useTranslation();
  const api = useApi();
  const model = useCases(api, notifyError);
  const [tab, setTab] = useState<Tab>('list');
  const [points, setPoints] = useState<CasePoints | null>(null);
  const [mode, setMode] = useState<CaseMapMode>('icons');
  const [clustering, setClustering] = useState(true);
  const [player, setPlayer] = useState<TimePlayer>({ step: 'month', index: null, playing: false });
  const [placing, setPlacing] = useState(false);
  const [place, setPlace] = useState<LonLatHeight | null>(null);
  const { open, loadStats, filter, revision, detail } = model;

  useEffect(() => loadStats({}), [loadStats]);

  // the desk's cases for the globe: its filter but the time, which the player sets
  useEffect(() => {
    let live = true;
    api
      .invoke('cases.points', { ...filter, from: undefined, to: undefined })
      .then((p) => live && setPoints(p), notifyError);
    return () => {
      live = false;
    };
  }, [api, filter, revision, notifyError]);

  // the plain `cases` layer steps aside while the desk draws them; closing gives it back
  useEffect(() => {
    if (!controller) return undefined;
    // after the workbench's own setLayers of the same commit (parents' effects run last)
    const id = setTimeout(() =>
      controller.setLayers(layers.map((l) => (l.name === 'cases' ? { ...l, visible: false } : l))),
    );
    return () => {
      clearTimeout(id);
      controller.setLayers(layers);
    };
  }, [controller, layers]);

  const steps = useSteps(points?.t, player.step);
  const timeWindow = player.index === null ? null : (steps[player.index] ?? null);
  useEffect(() => {
    const overlay = controller?.cases();
    overlay?.setPoints(points);
  }, [controller, points]);
  useEffect(() => controller?.cases().setWindow(timeWindow), [controller, timeWindow]);
  useEffect(() => controller?.cases().setMode(mode), [controller, mode]);
  useEffect(() => controller?.cases().setClustering(clustering), [controller, clustering]);
  useEffect(() => controller?.cases().select(detail?.case.caseId ?? null), [controller, detail]);
  useEffect(() => () => controller?.cases().setPoints(null), [controller]);
  const shown = !points
    ? 0
    : timeWindow
      ? points.t.reduce((n, t) => (t >= timeWindow.start && t < timeWindow.end ? n + 1 : n), 0)
      : points.count;

  const streets = Object.keys(model.stats?.byStreet ?? {}).sort();

  const pick = useCallback(
    (row: CaseRow) => {
      open(row.caseId);
      setTab('detail');
      if (!controller) return;
      controller.cases().select(row.caseId);
      void controller.flyToBBox([
        row.lon - AROUND_DEG,
        row.lat - AROUND_DEG,
        row.lon + AROUND_DEG,
        row.lat + AROUND_DEG,
      ]);
    },
    [open, controller],
  );
  useEffect(
    () =>
      controller?.on('pick', (f) => {
        const id = f?.layer === 'cases' ? f.properties.case_id : undefined;
        if (typeof id === 'string') {
          open(id);
          setTab('detail');
        }
      }),
    [controller, open],
  );

  const startPlacing = useCallback(() => {
    if (!controller) return;
    if (placing) {
      controller.cancelPlace();
      return;
    }
    setPlacing(true);
    setPlace(null);
    void controller.pickPlace().then((p) => {
      setPlacing(false);
      setPlace(p);
    });
  }, [controller, placing]);
  useEffect(() => () => controller?.cancelPlace(), [controller]);
  const create = useCallback(
    async (input: CaseCreate) => {
      try {
        await model.create(input);
        setPlace(null);
        setTab('detail');
      } catch (err) {
        notifyError(err);
      }
    },
    [model, notifyError],
  );

  return (
    <Modal
      open
      title={t('cases.title')}
      width={820}
      mask={false}
      classNames={{ wrapper: 'cim-modeless' }}
      style={{ top: 40, left: 8, margin: 0 }}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
    >
      <div data-testid="cases-panel">
        <CaseSyncBar api={api} revision={model.revision} onSynced={model.refresh} onError={notifyError} />
        <CaseMapBar
          mode={mode}
          onMode={setMode}
          clustering={clustering}
          onClustering={setClustering}
          player={player}
          onPlayer={setPlayer}
          steps={steps}
          shown={shown}
          placing={placing}
          onPlace={startPlacing}
        />
        {place && <CaseCreateForm place={place} onSubmit={create} onCancel={() => setPlace(null)} />}
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as Tab)}
          items={[
            {
              key: 'list',
              label: <span data-testid="cases-tab-list">{t('cases.tabs.list')}</span>,
              children: <CaseTable model={model} streets={streets} onPick={pick} />,
            },
            {
              key: 'detail',
              label: <span data-testid="cases-tab-detail">{t('cases.tabs.detail')}</span>,
              children: <CaseDetail api={api} model={model} />,
            },
            {
              key: 'stats',
              label: <span data-testid="cases-tab-stats">{t('cases.tabs.stats')}</span>,
              children: <CaseStatsView model={model} />,
            },
            {
              key: 'conflicts',
              label: (
                <Badge count={model.conflicts.length} size="small" offset={[8, 0]}>
                  <span data-testid="cases-tab-conflicts">{t('cases.tabs.conflicts')}</span>
                </Badge>
              ),
              children: <ConflictList model={model} onError={notifyError} />,
            },
          ]}
        />
      </div>
    </Modal>
  );
}
