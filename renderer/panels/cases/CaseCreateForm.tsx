import { Button, Descriptions, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseCreate } from '../../../common/contract/index.js';
import { CASE_CATEGORIES } from '../../../layers/cases.js';
import type { LonLatHeight } from '../../map/types.js';

const OPTIONS = (['部件', '事件'] as const).map((kind) => ({
  label: kind,
  options: CASE_CATEGORIES.filter((c) => c.kind === kind).map((c) => ({
    value: `${kind}${c.code}`,
    label: `${kind} ${c.code} ${c.majorName} · ${c.name}`,
  })),
}));

/**
 * A new case at the place clicked on the globe: its category (小类) and description; the
 * workspace fills the address from the nearest road and community, and the case enters the
 * workflow at 上报 with the reporter in its history.
 */
export function CaseCreateForm({
  place,
  onSubmit,
  onCancel,
}: {
  place: LonLatHeight;
  onSubmit: (input: CaseCreate) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [by, setBy] = useState('监督员001');
  const [busy, setBusy] = useState(false);
  const [lon, lat] = place;
  const ready = category !== null && description.trim() !== '' && by.trim() !== '';
  const submit = async (): Promise<void> => {
    if (!category) return;
    setBusy(true);
    try {
      await onSubmit({
        lon,
        lat,
        kind: category.slice(0, 2) as '部件' | '事件',
        categoryCode: category.slice(2),
        description: description.trim(),
        by: by.trim(),
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div
      data-testid="case-create"
      style={{ border: '1px solid #d9d9d9', borderRadius: 6, padding: 8, marginBottom: 8 }}
    >
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('cases.create.place')}>
          <span data-testid="case-create-place">
            {lon.toFixed(6)}, {lat.toFixed(6)}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select
          data-testid="case-create-category"
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('cases.create.category')}
          style={{ width: '100%' }}
          value={category}
          onChange={setCategory}
          options={OPTIONS}
        />
        <Input.TextArea
          data-testid="case-create-description"
          rows={2}
          maxLength={2000}
          placeholder={t('cases.description')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <Space>
          <Input
            data-testid="case-create-by"
            prefix={t('cases.by')}
            value={by}
            maxLength={60}
            onChange={(e) => setBy(e.target.value)}
          />
          <Button
            data-testid="case-create-submit"
            type="primary"
            disabled={!ready}
            loading={busy}
            onClick={() => void submit()}
          >
            {t('cases.create.submit')}
          </Button>
          <Button onClick={onCancel}>{t('cases.create.cancel')}</Button>
        </Space>
      </Space>
    </div>
  );
}
