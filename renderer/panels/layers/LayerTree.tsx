import { Empty, Tree, type TreeProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LayerEntry } from '../../../main/api/contract.js';
import { LayerRow } from './LayerRow.js';
import { dropAt } from './reorder.js';

interface LayerTreeProps {
  /** Top of the tree (drawn last) first. */
  layers: LayerEntry[];
  selected: string | null;
  onSelect(name: string | null): void;
  onVisible(name: string, visible: boolean): void;
  onReorder(topToBottom: string[]): void;
}

export function LayerTree({ layers, selected, onSelect, onVisible, onReorder }: LayerTreeProps) {
  const { t } = useTranslation();
  if (layers.length === 0) {
    return <Empty data-testid="layer-tree-empty" className="cim-layer-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('layers.empty')} />;
  }
  const byName = new Map(layers.map((entry) => [entry.name, entry]));

  const onDrop: TreeProps['onDrop'] = (info) => {
    const position = info.node.pos.split('-').at(-1);
    const relative = info.dropPosition - Number(position);
    const names = layers.map((entry) => entry.name);
    onReorder(dropAt(names, String(info.dragNode.key), String(info.node.key), relative < 0));
  };

  return (
    <Tree
      className="cim-layer-tree"
      blockNode
      draggable={{ icon: false }}
      allowDrop={({ dropPosition }) => dropPosition !== 0}
      selectedKeys={selected ? [selected] : []}
      onSelect={(keys) => onSelect(keys[0] === undefined ? null : String(keys[0]))}
      treeData={layers.map((entry) => ({ key: entry.name, title: entry.title, isLeaf: true }))}
      titleRender={(node) => {
        const entry = byName.get(String(node.key));
        return entry ? <LayerRow entry={entry} onVisible={(visible) => onVisible(entry.name, visible)} /> : null;
      }}
      onDrop={onDrop}
    />
  );
}
