import { PauseOutlined, CaretRightOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Button, Segmented, Select, Slider, Space, Switch, Tooltip, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseMapMode } from '../../map/cases/case-overlay.js';
import { stepLabel, timeSteps, type StepWindow, type TimeStep } from '../../map/cases/time-steps.js';

/** Milliseconds a step stays on screen while playing. */
export const PLAY_STEP_MS = 900;

export interface TimePlayer {
  step: TimeStep;
  /** Index into the steps; null: every time. */
  index: number | null;
  playing: boolean;
}

/** The steps of the player over the cases' report times. */
export function useSteps(times: readonly number[] | undefined, step: TimeStep): StepWindow[] {
  return useMemo(() => {
    if (!times || times.length === 0) return [];
    let min = Infinity;
    let max = -Infinity;
    for (const t of times) {
      if (t < min) min = t;
      if (t > max) max = t;
    }
    return timeSteps(min, max, step);
  }, [times, step]);
}

/**
 * The globe's case controls: icons (clustered or not) or a heat view by count or overdue
 * share; the time player (day, week or month steps over report time, with play/pause and
 * the count shown); and the button that places a new case with a click on the globe.
 */
export function CaseMapBar({
  mode,
  onMode,
  clustering,
  onClustering,
  player,
  onPlayer,
  steps,
  shown,
  placing,
  onPlace,
}: {
  mode: CaseMapMode;
  onMode: (m: CaseMapMode) => void;
  clustering: boolean;
  onClustering: (on: boolean) => void;
  player: TimePlayer;
  onPlayer: (p: TimePlayer) => void;
  steps: readonly StepWindow[];
  shown: number;
  placing: boolean;
  onPlace: () => void;
}) {
  const { t } = useTranslation();
  const { playing, index, step } = player;
  useEffect(() => {
    if (!playing) return undefined;
    const id = setInterval(() => {
      const next = index === null ? 0 : index + 1;
      onPlayer(next >= steps.length ? { ...player, playing: false } : { ...player, index: next });
    }, PLAY_STEP_MS);
    return () => clearInterval(id);
  }, [playing, index, steps.length, player, onPlayer]);
  const current = index === null ? null : steps[index];
  return (
    <div data-testid="cases-map-bar" style={{ marginBottom: 8 }}>
      <Space wrap size={[12, 6]}>
        <Segmented<CaseMapMode>
          data-testid="cases-map-mode"
          size="small"
          value={mode}
          onChange={onMode}
          options={[
            { value: 'icons', label: t('cases.map.icons') },
            { value: 'heat-count', label: t('cases.map.heatCount') },
            { value: 'heat-overdue', label: t('cases.map.heatOverdue') },
          ]}
        />
        <Space size={4}>
          <Switch
            data-testid="cases-map-cluster"
            size="small"
            checked={clustering}
            disabled={mode !== 'icons'}
            onChange={onClustering}
          />
          <Typography.Text>{t('cases.map.cluster')}</Typography.Text>
        </Space>
        <Tooltip title={t('cases.map.placeHint')}>
          <Button
            data-testid="cases-create-on-globe"
            size="small"
            type={placing ? 'primary' : 'default'}
            icon={<EnvironmentOutlined />}
            onClick={onPlace}
          >
            {placing ? t('cases.map.placing') : t('cases.map.create')}
          </Button>
        </Tooltip>
      </Space>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 6 }}>
        <Button
          data-testid="cases-play"
          size="small"
          aria-label={playing ? t('cases.map.pause') : t('cases.map.play')}
          icon={playing ? <PauseOutlined /> : <CaretRightOutlined />}
          disabled={steps.length === 0}
          onClick={() =>
            onPlayer({
              ...player,
              playing: !playing,
              index: !playing && (index === null || index >= steps.length - 1) ? 0 : index,
            })
          }
        />
        <Select<TimeStep>
          data-testid="cases-step"
          size="small"
          style={{ width: 72 }}
          value={step}
          onChange={(s) => onPlayer({ step: s, index: null, playing: false })}
          options={[
            { value: 'day', label: t('cases.map.day') },
            { value: 'week', label: t('cases.map.week') },
            { value: 'month', label: t('cases.map.month') },
          ]}
        />
        <div data-testid="cases-time-slider" style={{ flex: 1, margin: '0 8px' }}>
          <Slider
            min={-1}
            max={Math.max(0, steps.length - 1)}
            value={index ?? -1}
            tooltip={{
              formatter: (v) =>
                v === undefined || v < 0 ? t('cases.map.allTimes') : stepLabel(steps[v] as StepWindow, step),
            }}
            onChange={(v) => onPlayer({ ...player, playing: false, index: v < 0 ? null : v })}
          />
        </div>
        <Typography.Text data-testid="cases-time-label" style={{ minWidth: 230, textAlign: 'right' }}>
          {current ? stepLabel(current, step) : t('cases.map.allTimes')} · {t('cases.map.shown', { count: shown })}
        </Typography.Text>
      </div>
    </div>
  );
}
