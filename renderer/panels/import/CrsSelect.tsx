import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { crsOptions, matchesCrs } from './crs-options.js';

interface CrsSelectProps {
  value: string | null;
  onChange: (crs: string) => void;
  /** Imports also offer GCJ-02/BD-09; exports write EPSG codes only. */
  webMapOffsets: boolean;
  disabled?: boolean;
  status?: 'error' | 'warning';
  testId: string;
}

/** A searchable select of the supported CRSs, by EPSG code and Chinese or English name. */
export function CrsSelect({ value, onChange, webMapOffsets, disabled, status, testId }: CrsSelectProps) {
  const { t, i18n } = useTranslation();
  const options = useMemo(
    () => crsOptions(i18n.language, webMapOffsets, { gcj02: t('crs.gcj02'), bd09: t('crs.bd09') }),
    [i18n.language, webMapOffsets, t],
  );
  return (
    <Select
      showSearch={{ filterOption: matchesCrs }}
      data-testid={testId}
      style={{ width: 360 }}
      disabled={disabled}
      status={status}
      value={value}
      placeholder={t('crs.choose')}
      onChange={onChange}
      options={options}
    />
  );
}
