import { AreaChartOutlined, BankOutlined, PictureOutlined } from '@ant-design/icons';
import { Checkbox } from 'antd';
import type { ReactNode } from 'react';
import type { LayerEntry } from '../../../common/contract/index.js';

const KIND_ICON: Record<Exclude<LayerEntry['kind'], 'vector'>, ReactNode> = {
  tiles3d: <BankOutlined />,
  terrain: <AreaChartOutlined />,
  imagery: <PictureOutlined />,
};

interface LayerRowProps {
  entry: LayerEntry;
  /** Another layer has the same title: the table name tells them apart. */
  ambiguousTitle: boolean;
  onVisible: (visible: boolean) => void;
}

/** One line of the layer tree: visibility, a swatch of the style, the title and the count. */
export function LayerRow({ entry, ambiguousTitle, onVisible }: LayerRowProps) {
  const { style } = entry;
  return (
    <span className="cim-layer-row" data-testid={`layer-row-${entry.name}`}>
      <Checkbox
        data-testid={`layer-toggle-${entry.name}`}
        checked={entry.visible}
        onClick={(event) => event.stopPropagation()}
        onChange={(event) => onVisible(event.target.checked)}
      />
      {entry.kind === 'vector' ? (
        <span
          className="cim-layer-swatch"
          style={{ background: style.fillColor, borderColor: style.strokeColor, opacity: Math.max(entry.opacity, 0.2) }}
        />
      ) : (
        <span className="cim-layer-kind" data-testid={`layer-kind-${entry.name}`}>
          {KIND_ICON[entry.kind]}
        </span>
      )}
      <span className="cim-layer-title" title={entry.name}>
        {entry.title}
        {ambiguousTitle && entry.title !== entry.name && <span className="cim-layer-name"> ({entry.name})</span>}
      </span>
      {entry.kind !== 'terrain' && entry.kind !== 'imagery' && (
        <span className="cim-layer-count">{entry.featureCount.toLocaleString()}</span>
      )}
    </span>
  );
}
