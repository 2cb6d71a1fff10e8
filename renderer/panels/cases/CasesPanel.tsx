import { Badge, Modal, Tabs } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFilter, CaseRow, LayerFilter } from '../../../common/contract/index.js';
import { useApi } from '../../app/api-context.js';
import type { AnalysisPanelProps } from '../registry.js';
import { CaseDetail } from './CaseDetail.js';
import { CaseSyncBar } from './CaseSyncBar.js';
import { CaseStatsView, ConflictList } from './CaseStatsView.js';
import { CaseTable } from './CaseTable.js';
import { useCases } from './use-cases.js';

type Tab = 'list' | 'detail' | 'stats' | 'conflicts';

/** The one layer filter the globe takes, from the desk's filter. */
function globeFilter(f: CaseFilter): LayerFilter | null {
  if (f.status?.length) return { field: 'status', op: 'in', values: f.status };
  if (f.street) return { field: 'street', op: 'in', values: [f.street] };
  if (f.dept) return { field: 'dept', op: 'in', values: [f.dept] };
  return null;
}

/** About 100 m around a case, for the camera. */
const AROUND_DEG = 0.001;

/**
 * 城管案件台: the inspector's and supervisor's desk. The table and the globe are linked both
 * ways (a row flies to its case and selects it; a case clicked on the globe opens here), the
 * case panel moves a case through the workflow, statistics carry their definitions, and
 * merge conflicts from case packages wait here for a person.
 */
export function CasesPanel({ controller, layers, notifyError, onClose }: AnalysisPanelProps) {
  const { t } = useTranslation();
  const api = useApi();
  const model = useCases(api, notifyError);
  const [tab, setTab] = useState<Tab>('list');
  const { open, loadStats } = model;

  useEffect(() => loadStats({}), [loadStats]);
  // the globe shows what the desk filters (status, else street or department), without
  // changing the layer's own style; closing the desk gives the globe the layer back
  const { filter } = model;
  useEffect(() => {
    if (!controller) return undefined;
    const shown = globeFilter(filter);
    if (!shown) return undefined;
    // after the workbench's own setLayers of the same commit (parents' effects run last)
    const id = setTimeout(() =>
      controller.setLayers(
        layers.map((l) => (l.name === 'cases' ? { ...l, style: { ...l.style, filter: shown } } : l)),
      ),
    );
    return () => {
      clearTimeout(id);
      controller.setLayers(layers);
    };
  }, [controller, layers, filter]);
  const streets = Object.keys(model.stats?.byStreet ?? {}).sort();

  const pick = useCallback(
    (row: CaseRow) => {
      open(row.caseId);
      setTab('detail');
      if (!controller) return;
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
