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
  // react-i18next hands out a new i18n wrapper on every language change: the globe reads the
  // language through a ref, so a switch re-renders React only and keeps the Cesium viewer
  // (and every tile it holds) instead of rebuilding it (issue #17, bench/language-switch.ts)
  const languageRef = useRef(i18n.language);
  languageRef.current = i18n.language;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    const controller = new MapController(container, {
      featuresUrl: (layer, revision) => api.featuresUrl(layer, revision),
      tilesBaseUrl: () => api.tilesBaseUrl(),
      resourceQuery: () => api.resourceQuery(),
      fieldSummary: (layer, field) => api.invoke('layers.fieldSummary', { name: layer, field }),
      language: () => languageRef.current,
    });
    window.__cimMap = controller.testHooks();
    onController(controller);
    return () => {
      onController(null);
      delete window.__cimMap;
      controller.destroy();
    };
  }, [api, onController]);

  return (
    <div className="cim-globe">
      <div ref={containerRef} className="cim-globe-canvas" data-testid="globe" />
      {children}
    </div>
  );
}
