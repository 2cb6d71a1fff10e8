import type { LayerEntry } from '../../common/contract/index.js';
import type { MapController } from '../map/controller.js';
import type { MeasureKind } from '../map/types.js';
import { AttributesPanel } from '../panels/attributes/AttributesPanel.js';
import { MeasurePanel } from '../panels/measure/MeasurePanel.js';
import { useMapEvent } from './use-map-event.js';

interface RightPanelProps {
  controller: MapController | null;
  layers: LayerEntry[];
  measureKind: MeasureKind | null;
}

export function RightPanel({ controller, layers, measureKind }: RightPanelProps) {
  const picked = useMapEvent(controller, 'pick', null);
  const identified = useMapEvent(controller, 'identify', []);
  const measurement = useMapEvent(controller, 'measure', null);
  const shownPick = picked && layers.some((layer) => layer.name === picked.layer) ? picked : null;
  return (
    <aside className="cim-panel cim-right">
      <MeasurePanel kind={measureKind} measurement={measurement} />
      <AttributesPanel
        picked={shownPick}
        identified={identified.filter((f) => layers.some((layer) => layer.name === f.layer))}
        layers={layers}
        onSelect={(feature) => controller?.select(feature)}
      />
    </aside>
  );
}
