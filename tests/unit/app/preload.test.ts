import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkstationApi } from '../../../common/contract/index.js';

// The preload runs in a sandbox where only `electron` can be required; here it is a fake.
const electron = vi.hoisted(() => {
  type Handler = (event: unknown, value: unknown) => void;
  const listeners = new Map<string, Set<Handler>>();
  return {
    listeners,
    exposed: new Map<string, unknown>(),
    invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
    emit(channel: string, value: unknown) {
      for (const handler of listeners.get(channel) ?? []) handler({}, value);
    },
    getPathForFile: vi.fn<(file: File) => string>(),
  };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: electron.invoke,
    on(channel: string, handler: (event: unknown, value: unknown) => void) {
      const set = electron.listeners.get(channel) ?? new Set();
      set.add(handler);
      electron.listeners.set(channel, set);
    },
    removeListener(channel: string, handler: (event: unknown, value: unknown) => void) {
      electron.listeners.get(channel)?.delete(handler);
    },
  },
  webUtils: { getPathForFile: electron.getPathForFile },
}));

let cim: WorkstationApi;

beforeAll(async () => {
  await import('../../../main/app/preload.js');
  cim = electron.exposed.get('cim') as WorkstationApi;
});

beforeEach(() => {
  electron.invoke.mockReset();
  electron.getPathForFile.mockReset();
});

describe('window.cim in Electron', () => {
  it('is exposed as the only global and says it is Electron', () => {
    expect([...electron.exposed.keys()]).toEqual(['cim']);
    expect(cim.host).toBe('electron');
  });

  it('invokes over cim:invoke and unwraps the reply', async () => {
    electron.invoke.mockResolvedValue({ ok: true, result: [] });
    await expect(cim.invoke('layers.list', {})).resolves.toEqual([]);
    expect(electron.invoke).toHaveBeenCalledWith('cim:invoke', 'layers.list', {});
  });

  it('rejects with the serialized error itself', async () => {
    const error = {
      code: 'store.layer_not_found',
      messageKey: 'errors:store.layer_not_found',
      facts: {},
      kind: 'user',
    };
    electron.invoke.mockResolvedValue({ ok: false, error });
    await expect(cim.invoke('layers.remove', { name: 'roads' })).rejects.toEqual(error);
  });

  it('subscribes to job events and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = cim.onJobEvent((event) => seen.push(event.id));
    electron.emit('cim:job', { id: 'j1' });
    off();
    electron.emit('cim:job', { id: 'j2' });
    expect(seen).toEqual(['j1']);
    expect(electron.listeners.get('cim:job')?.size).toBe(0);
  });

  it('subscribes to menu commands and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = cim.onMenuCommand((command) => seen.push(command));
    electron.emit('cim:menu', 'view.home');
    off();
    electron.emit('cim:menu', 'help.about');
    expect(seen).toEqual(['view.home']);
  });

  it('builds resource URLs on cim://app', () => {
    expect(cim.featuresUrl('道路', 3)).toBe(`cim://app/features/${encodeURIComponent('道路')}.geojson?rev=3`);
    expect(cim.featuresUrl('roads')).toBe('cim://app/features/roads.geojson');
    expect(cim.tilesBaseUrl()).toBe('cim://app/tiles/');
    expect(cim.resourceQuery()).toEqual({});
  });

  it('turns a file from disk into a path source', async () => {
    electron.getPathForFile.mockReturnValue('/data/规划/plan_a.geojson');
    const file = new File(['{}'], 'plan_a.geojson');
    await expect(cim.sourceForFile(file)).resolves.toEqual({ kind: 'path', path: '/data/规划/plan_a.geojson' });
  });

  it('rejects a file without a path', async () => {
    electron.getPathForFile.mockReturnValue('');
    await expect(cim.sourceForFile(new File([], 'made.geojson'))).rejects.toMatchObject({
      code: 'import.no_path',
      facts: { fileName: 'made.geojson' },
    });
  });
});
