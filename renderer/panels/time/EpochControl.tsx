import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EpochState } from '../../map/types.js';

interface EpochControlProps {
  state: EpochState;
  onChange: (epoch: string) => void;
}

/** Survey-epoch switch for 3D layers built from several epochs (e.g. 2022 and 2024 building surveys). */
export function EpochControl({ state, onChange }: EpochControlProps) {
  const { t } = useTranslation();
  if (state.available.length < 2) return null;
  return (
    <div className="cim-epoch" data-testid="epoch-control">
      <span className="cim-epoch-label">{t('epoch.label')}</span>
      <Segmented
        size="small"
        value={state.current ?? undefined}
        options={state.available.map((epoch) => ({ value: epoch, label: t('epoch.value', { epoch }) }))}
        onChange={(value) => onChange(value)}
      />
    </div>
  );
}
