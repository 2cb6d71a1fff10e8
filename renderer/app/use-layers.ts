/** The workspace's layer list as the tree and the map see it, and the calls that change it. */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, LayerEntry, WorkstationApi } from '../../common/contract/index.js';

export type LayerPatch = Input<'layers.update'>['patch'];

export interface LayersModel {
  layers: LayerEntry[];
  refresh: () => Promise<LayerEntry[]>;
  /** Changes the layer here at once (a slider being dragged) without saving it. */
  preview: (name: string, patch: LayerPatch) => void;
  update: (name: string, patch: LayerPatch) => Promise<void>;
  reorder: (topToBottom: string[]) => Promise<void>;
  remove: (name: string) => Promise<void>;
}

function patched(entry: LayerEntry, patch: LayerPatch): LayerEntry {
  return { ...entry, ...patch, style: { ...entry.style, ...patch.style } };
}

function byOrder(layers: LayerEntry[]): LayerEntry[] {
  return [...layers].sort((a, b) => b.order - a.order);
}

/**
 * Layers as the user reads them: a title the locale knows (the demo city's, written in
 * Chinese into the workspace) is shown in the interface language; any other stays as stored.
 */
export function useLayers(api: WorkstationApi, notifyError: (err: unknown) => void): LayersModel {
  const [layers, setLayers] = useState<LayerEntry[]>([]);
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const shown = useMemo(
    () =>
      layers.map((entry) => {
        const title = t(`enums.layerTitle.${entry.title}`, { defaultValue: entry.title, lng: language });
        return title === entry.title ? entry : { ...entry, title };
      }),
    [layers, t, language],
  );

  const refresh = useCallback(async () => {
    try {
      const list = byOrder(await api.invoke('layers.list', {}));
      setLayers(list);
      return list;
    } catch (err) {
      notifyError(err);
      return [];
    }
  }, [api, notifyError]);

  const preview = useCallback((name: string, patch: LayerPatch) => {
    setLayers((current) => current.map((entry) => (entry.name === name ? patched(entry, patch) : entry)));
  }, []);

  const update = useCallback(
    async (name: string, patch: LayerPatch) => {
      preview(name, patch);
      try {
        const saved = await api.invoke('layers.update', { name, patch });
        setLayers((current) => current.map((entry) => (entry.name === name ? saved : entry)));
      } catch (err) {
        notifyError(err);
        await refresh();
      }
    },
    [api, notifyError, preview, refresh],
  );

  const reorder = useCallback(
    async (topToBottom: string[]) => {
      setLayers((current) =>
        topToBottom.flatMap((name, index) => {
          const entry = current.find((layer) => layer.name === name);
          return entry ? [{ ...entry, order: topToBottom.length - 1 - index }] : [];
        }),
      );
      try {
        setLayers(byOrder(await api.invoke('layers.reorder', { topToBottom })));
      } catch (err) {
        notifyError(err);
        await refresh();
      }
    },
    [api, notifyError, refresh],
  );

  const remove = useCallback(
    async (name: string) => {
      try {
        await api.invoke('layers.remove', { name });
      } catch (err) {
        notifyError(err);
      }
      await refresh();
    },
    [api, notifyError, refresh],
  );

  return { layers: shown, refresh, preview, update, reorder, remove };
}
