import { Descriptions, Empty, List } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LayerEntry } from '../../../common/contract/index.js';
import { fieldLabel } from '../../../layers/field-aliases.js';
import { fieldValueText } from '../../format/field-value.js';
import type { PickedFeature } from '../../map/types.js';

interface AttributesPanelProps {
  picked: PickedFeature | null;
  /** Everything the last click identified, topmost first. */
  identified: PickedFeature[];
  layers: LayerEntry[];
  onSelect: (feature: PickedFeature) => void;
}

/** Field names in the layer's declared order; anything extra the feature carries follows. */
function orderedFields(properties: Record<string, unknown>, entry: LayerEntry | undefined): string[] {
  const declared = entry?.fields.map((field) => field.name).filter((name) => name in properties) ?? [];
  const rest = Object.keys(properties).filter((name) => !declared.includes(name));
  return [...declared, ...rest];
}

function sameFeature(a: PickedFeature | null, b: PickedFeature): boolean {
  return a !== null && a.layer === b.layer && a.fid === b.fid;
}

/**
 * The features under the last click, every visible layer's, topmost first (QGIS's identify),
 * and the selected one's attributes: fields by their alias, numbers rounded by unit,
 * enumerated values in the UI language.
 */
export function AttributesPanel({ picked, identified, layers, onSelect }: AttributesPanelProps) {
  const { t, i18n } = useTranslation();
  const entry = picked ? layers.find((layer) => layer.name === picked.layer) : undefined;
  const words = { empty: '—', yes: t('attributes.true'), no: t('attributes.false') };
  const titleOf = (name: string): string => layers.find((l) => l.name === name)?.title ?? name;
  const aliasOf = (name: string): string =>
    fieldLabel(name, i18n.language, entry?.fields.find((f) => f.name === name)?.alias);

  return (
    <section className="cim-section" data-testid="attributes-panel">
      <div className="cim-panel-header">
        <span>{t('attributes.title')}</span>
      </div>
      {identified.length > 1 && (
        <div className="cim-identify" data-testid="identify-list">
          <div className="cim-identify-title">{t('identify.title', { count: identified.length })}</div>
          <List
            size="small"
            dataSource={identified}
            renderItem={(feature, index) => (
              <List.Item
                className={sameFeature(picked, feature) ? 'cim-identify-item is-selected' : 'cim-identify-item'}
                data-testid={`identify-item-${String(index)}`}
                data-layer={feature.layer}
                onClick={() => onSelect(feature)}
              >
                <span className="cim-identify-layer">{titleOf(feature.layer)}</span>
                {feature.fid !== null && <span className="cim-attr-fid">{String(feature.fid)}</span>}
              </List.Item>
            )}
          />
        </div>
      )}
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
              label: <span title={name}>{aliasOf(name)}</span>,
              children: (
                <span data-testid={`attr-${name}`}>{fieldValueText(t, name, picked.properties[name], words)}</span>
              ),
            }))}
          />
        </div>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attributes.empty')} />
      )}
    </section>
  );
}
