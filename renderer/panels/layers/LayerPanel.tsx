import { ImportOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayersModel } from '../../app/use-layers.js';
import { useNotifyError } from '../../app/use-notify-error.js';
import { StyleEditor } from '../style/StyleEditor.js';
import { LayerProperties } from './LayerProperties.js';
import { LayerTree } from './LayerTree.js';
import { moveBy } from './reorder.js';
import { treeLayers } from './tree-layers.js';

interface LayerPanelProps {
  model: LayersModel;
  onImport: () => void;
  onZoom: (name: string) => void;
  onRemoved: (name: string) => void;
  onExtrude: (name: string) => void;
  onOpenTable: (name: string) => void;
}

export function LayerPanel({ model, onImport, onZoom, onRemoved, onExtrude, onOpenTable }: LayerPanelProps) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<string | null>(null);
  const [styling, setStyling] = useState<string | null>(null);
  const notifyError = useNotifyError();
  const shown = treeLayers(model.layers);
  const names = shown.map((entry) => entry.name);
  const entry = shown.find((layer) => layer.name === selected) ?? null;
  const styled = shown.find((layer) => layer.name === styling) ?? null;

  const move = (name: string, step: -1 | 1): void => {
    const order = moveBy(names, name, step);
    if (order) void model.reorder(order);
  };

  return (
    <aside className="cim-panel cim-left" data-testid="layer-panel">
      <div className="cim-panel-header">
        <span>{t('layers.title')}</span>
        <Button size="small" type="primary" icon={<ImportOutlined />} data-testid="import-button" onClick={onImport}>
          {t('menu.import')}
        </Button>
      </div>
      <div className="cim-panel-body" data-testid="layer-tree">
        <LayerTree
          layers={shown}
          selected={selected}
          onSelect={setSelected}
          onVisible={(name, visible) => void model.update(name, { visible })}
          onReorder={(order) => void model.reorder(order)}
        />
      </div>
      {entry && (
        <LayerProperties
          key={entry.name}
          entry={entry}
          canMoveUp={names.indexOf(entry.name) > 0}
          canMoveDown={names.indexOf(entry.name) < names.length - 1}
          onPreview={(patch) => model.preview(entry.name, patch)}
          onUpdate={(patch) => void model.update(entry.name, patch)}
          onMove={(step) => move(entry.name, step)}
          onZoom={() => onZoom(entry.name)}
          onOpenTable={entry.kind === 'vector' ? () => onOpenTable(entry.name) : undefined}
          onOpenStyle={entry.kind === 'vector' ? () => setStyling(entry.name) : undefined}
          onExtrude={() => onExtrude(entry.name)}
          onRemove={() => {
            setSelected(null);
            void model.remove(entry.name).then(() => onRemoved(entry.name));
          }}
        />
      )}
      {styled && (
        <StyleEditor
          key={styled.name}
          entry={styled}
          onPreview={(patch) => model.preview(styled.name, patch)}
          onSave={(patch) => model.update(styled.name, patch)}
          onImported={(layer) => model.preview(layer.name, { style: layer.style })}
          notifyError={notifyError}
          onClose={() => setStyling(null)}
        />
      )}
    </aside>
  );
}
