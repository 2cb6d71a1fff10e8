import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface PanelFoldProps {
  side: 'left' | 'right';
  open: boolean;
  onToggle: () => void;
  children: ReactNode;
}

/**
 * A side panel that folds to a thin strip with one button (the layer tree, the attributes),
 * giving its width to the map. Folded, the panel stays mounted so its state is kept.
 */
export function PanelFold({ side, open, onToggle, children }: PanelFoldProps) {
  const { t } = useTranslation();
  const pointsLeft = (side === 'left') === open;
  return (
    <div className={`cim-fold cim-fold-${side}${open ? '' : ' is-folded'}`} data-testid={`fold-${side}`}>
      <button
        type="button"
        className="cim-fold-button"
        data-testid={`fold-toggle-${side}`}
        aria-expanded={open}
        aria-label={t(open ? 'panels.collapse' : 'panels.expand')}
        title={t(open ? 'panels.collapse' : 'panels.expand')}
        onClick={onToggle}
      >
        {pointsLeft ? <LeftOutlined /> : <RightOutlined />}
      </button>
      <div className="cim-fold-content" hidden={!open}>
        {children}
      </div>
    </div>
  );
}
