import { Descriptions, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LayerEntry } from '../../../common/contract/index.js';
import { cellText } from '../../format/cell-value.js';
import type { PickedFeature } from '../../map/types.js';

interface AttributesPanelProps {
  picked: PickedFeature | null;
  layers: LayerEntry[];
}

/** Field names in the layer's declared order; anything extra the feature carries follows. */
function orderedFields(properties: Record<string, unknown>, entry: LayerEntry | undefined): string[] {
  const declared = entry?.fields.map((field) => field.name).filter((name) => name in properties) ?? [];
  const rest = Object.keys(properties).filter((name) => !declared.includes(name));
  return [...declared, ...rest];
}

/** The picked feature's attributes, names and values exactly as stored (Chinese stays Chinese). */
export function AttributesPanel({ picked, layers }: AttributesPanelProps) {
  const { t } = useTranslation();
  const entry = picked ? layers.find((layer) => layer.name === picked.layer) : undefined;
  const words = { empty: '—', yes: t('attributes.true'), no: t('attributes.false') };

  return (
    <section className="cim-section" data-testid="attributes-panel">
      <div className="cim-panel-header">
        <span>{t('attributes.title')}</span>
      </div>
      {picked ? (
        <div className="cim-panel-body">
          <div className="cim-attr-source" data-testid="attributes-layer">
            {entry?.title ?? picked.layer}
            {picked.fid !== null && <span className="cim-attr-fid">{t('attributes.fid', { fid: picked.fid })}</span>}
          </div>
          <Descriptions
            size="small"
            bordered
            column={1}
            items={orderedFields(picked.properties, entry).map((name) => ({
              key: name,
              label: name,
              children: <span data-testid={`attr-${name}`}>{cellText(picked.properties[name], words)}</span>,
            }))}
          />
        </div>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attributes.empty')} />
      )}
    </section>
  );
}
