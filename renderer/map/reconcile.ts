/**
 * The map shows what `layers.list` says. This works out, from the entries the map shows
 * now and the entries wanted, which adapters to drop, create or adjust.
 */
import type { LayerEntry } from '../../common/contract/index.js';

type LayerChange = 'visible' | 'opacity' | 'style' | 'order';

export interface ReconcilePlan {
  remove: string[];
  add: LayerEntry[];
  update: { entry: LayerEntry; changes: LayerChange[] }[];
}

/** Data revision of a layer: a re-import under the same name gets a new creation time. */
export function revisionOf(entry: LayerEntry): number {
  const time = Date.parse(entry.createdAt);
  return Number.isFinite(time) ? time + entry.featureCount : entry.featureCount;
}

function sameStyle(a: LayerEntry['style'], b: LayerEntry['style']): boolean {
  return (
    a.fillColor === b.fillColor &&
    a.fillOpacity === b.fillOpacity &&
    a.strokeColor === b.strokeColor &&
    a.strokeWidthPx === b.strokeWidthPx &&
    a.pointSizePx === b.pointSizePx &&
    JSON.stringify(a.thematic ?? null) === JSON.stringify(b.thematic ?? null) &&
    JSON.stringify(a.filter ?? null) === JSON.stringify(b.filter ?? null)
  );
}

function changesBetween(shown: LayerEntry, wanted: LayerEntry): LayerChange[] {
  const changes: LayerChange[] = [];
  if (shown.visible !== wanted.visible) changes.push('visible');
  if (shown.opacity !== wanted.opacity) changes.push('opacity');
  if (!sameStyle(shown.style, wanted.style)) changes.push('style');
  if (shown.order !== wanted.order) changes.push('order');
  return changes;
}

export function planReconcile(shown: ReadonlyMap<string, LayerEntry>, wanted: readonly LayerEntry[]): ReconcilePlan {
  const plan: ReconcilePlan = { remove: [], add: [], update: [] };
  const wantedNames = new Set(wanted.map((entry) => entry.name));
  for (const name of shown.keys()) if (!wantedNames.has(name)) plan.remove.push(name);
  for (const entry of wanted) {
    const current = shown.get(entry.name);
    if (!current || revisionOf(current) !== revisionOf(entry)) {
      if (current) plan.remove.push(entry.name);
      plan.add.push(entry);
      continue;
    }
    const changes = changesBetween(current, entry);
    if (changes.length > 0) plan.update.push({ entry, changes });
  }
  return plan;
}
