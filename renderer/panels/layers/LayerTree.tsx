import { Empty, Tree, type TreeProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LayerEntry } from '../../../common/contract/index.js';
import { LayerRow } from './LayerRow.js';
import { dropAt } from './reorder.js';

interface LayerTreeProps {
  /** Top of the tree (drawn last) first. */
  layers: LayerEntry[];
  selected: string | null;
  onSelect: (name: string | null) => void;
  onVisible: (name: string, visible: boolean) => void;
  onReorder: (topToBottom: string[]) => void;
}

export function LayerTree({ layers, selected, onSelect, onVisible, onReorder }: LayerTreeProps) {
  const { t } = useTranslation();
  if (layers.length === 0) {
    return (
      <Empty
        data-testid="layer-tree-empty"
        className="cim-layer-empty"
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('layers.empty')}
      />
    );
  }
  const byName = new Map(layers.map((entry) => [entry.name, entry]));
  const titleCounts = new Map<string, number>();
  for (const entry of layers) titleCounts.set(entry.title, (titleCounts.get(entry.title) ?? 0) + 1);

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
        const entry = byName.get(node.key);
        if (!entry) return null;
        return (
          <LayerRow
            entry={entry}
            ambiguousTitle={(titleCounts.get(entry.title) ?? 0) > 1}
            onVisible={(visible) => onVisible(entry.name, visible)}
          />
        );
      }}
      onDrop={onDrop}
    />
  );
}
