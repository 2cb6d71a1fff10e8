import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MapController } from '../map/controller.js';
import { useApi } from './api-context.js';

interface GlobeViewProps {
  onController: (controller: MapController | null) => void;
  children?: ReactNode;
}

/** Hosts the Cesium canvas; everything else reaches the globe through the controller. */
export function GlobeView({ onController, children }: GlobeViewProps) {
  const api = useApi();
  const { i18n } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    const controller = new MapController(container, {
      featuresUrl: (layer, revision) => api.featuresUrl(layer, revision),
      tilesBaseUrl: () => api.tilesBaseUrl(),
      resourceQuery: () => api.resourceQuery(),
      fieldSummary: (layer, field) => api.invoke('layers.fieldSummary', { name: layer, field }),
      language: () => i18n.language,
    });
    window.__cimMap = controller.testHooks();
    onController(controller);
    return () => {
      onController(null);
      delete window.__cimMap;
      controller.destroy();
    };
  }, [api, onController, i18n]);

  return (
    <div className="cim-globe">
      <div ref={containerRef} className="cim-globe-canvas" data-testid="globe" />
      {children}
    </div>
  );
}
