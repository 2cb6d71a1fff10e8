import { App, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnalysisModal } from '../analysis/AnalysisModal.js';
import type { SunlightParams } from '../../../common/contract/sunlight.js';
import { useApi } from '../../app/api-context.js';
import { useErrorText } from '../../app/use-notify-error.js';
import type { AnalysisPanelProps } from '../registry.js';
import { SunlightResults } from './SunlightResults.js';
import { defaultSetup, SunlightSetup, type SunlightSetupValue } from './SunlightSetup.js';
import { lookAt } from '../analysis/run.js';
import { squareAround, useSunlight } from './use-sunlight.js';
import './sunlight.css';

type Tab = 'setup' | 'results';

function paramsOf(v: SunlightSetupValue, site: [number, number][][]): SunlightParams {
  return {
    buildings: v.buildings ?? '',
    facades: v.facades,
    ...(v.facadeUse.trim() ? { facadeUse: v.facadeUse.trim() } : {}),
    areaPolygon: site,
    spacing: v.spacing,
    lowestFloorOnly: v.lowestFloorOnly,
    date: v.date,
    window: v.window,
    stepMin: 1,
    refraction: v.refraction,
    climateZone: v.climateZone,
    population: v.population,
    homeCategory: 'ordinary',
    ...(v.terrain ? { terrain: v.terrain } : {}),
    ...(v.scheme ? { scheme: v.scheme } : {}),
  };
}

/**
 * 日照分析: the homes around the view's centre, on 大寒日 or 冬至日, against the standard's
 * hours; with a scheme, before and after on the same points. The conventions are written in
 * the panel; the result layer colours the points on the globe by their sunlit minutes.
 */
export function SunlightPanel({ layers, jobs, controller, notifyError, onClose }: AnalysisPanelProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const model = useSunlight(api, jobs, notifyError);
  const [tab, setTab] = useState<Tab>('setup');
  const [setup, setSetup] = useState<SunlightSetupValue>(() => defaultSetup(layers));
  const { job } = model;
  const running = job?.state === 'running';

  useEffect(() => {
    if (job?.state === 'done') setTab('results');
    if (job?.state === 'failed' && job.error) notifyError(job.error);
  }, [job?.state, job?.error, notifyError]);

  const run = (): void => {
    if (!controller) return;
    const [lon, lat] = lookAt(controller.getCamera());
    model
      .start(paramsOf(setup, squareAround(lon, lat, setup.radiusM)))
      .catch((err: unknown) => void message.error(errorText(err)));
  };
  const pdf = (): void => {
    if (!model.resultLayer) return;
    api.download(model.resultLayer, 'pdf', { lang: i18n.language === 'en' ? 'en' : 'zh-CN' });
  };

  return (
    <AnalysisModal
      title={t('analysis.sunlight.title')}
      testId="sunlight"
      width={620}
      job={job}
      runLabel={t('sunlight.run')}
      canRun={Boolean(setup.buildings && setup.facades && controller)}
      onRun={run}
      onCancel={() => void model.cancel()}
      onClose={onClose}
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as Tab)}
        items={[
          {
            key: 'setup',
            label: <span data-testid="sunlight-tab-setup">{t('sunlight.tabs.setup')}</span>,
            children: <SunlightSetup layers={layers} value={setup} onChange={setSetup} disabled={running} />,
          },
          {
            key: 'results',
            label: <span data-testid="sunlight-tab-results">{t('sunlight.tabs.results')}</span>,
            children: <SunlightResults resultLayer={model.resultLayer} summary={model.summary} onPdf={pdf} />,
          },
        ]}
      />
    </AnalysisModal>
  );
}
