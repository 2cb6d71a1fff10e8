/**
 * The analysis registry: one line per analysis (in the manner of main/import/registry.ts).
 * The job worker, `cim analyze`, the API's analysis calls, the report route and the
 * renderer's Analysis menu all read this table; none of them switches on a kind.
 * docs/adding-an-analysis.md says how to add one. Environment: node.
 */
import type { AnalysisInfo } from '../../common/contract/index.js';
import { CimError } from '../../common/errors.js';
import type { AnalysisEntry } from './entry.js';
import { multiplanEntry } from './multiplan/entry.js';
import { parcelCheckEntry } from './parcel-check/entry.js';
import { heightLimitEntry } from './height-limit/entry.js';
import { sunlightEntry } from './sunlight/entry.js';
import { PIPES_ANALYSES } from './pipes/entry.js';
import { changeEntry } from './change/entry.js';
import { cutFillEntry, floodEntry, losEntry, profileEntry, skylineEntry, viewshedEntry } from './terrain/entry.js';

export const ANALYSES: readonly AnalysisEntry[] = [
  multiplanEntry,
  parcelCheckEntry,
  sunlightEntry,
  heightLimitEntry,
  ...PIPES_ANALYSES,
  changeEntry,
  ...[losEntry, viewshedEntry, skylineEntry, profileEntry, cutFillEntry, floodEntry],
];

export class AnalysisRegistry {
  private readonly byKind: ReadonlyMap<string, AnalysisEntry>;

  constructor(readonly entries: readonly AnalysisEntry[]) {
    const map = new Map<string, AnalysisEntry>();
    const commands = new Set<string>();
    for (const e of entries) {
      const command = e.command.join(' ');
      if (map.has(e.kind) || commands.has(command)) {
        throw new CimError('internal', { message: `analysis ${e.kind} (${command}) is registered twice` }, 'internal');
      }
      map.set(e.kind, e);
      commands.add(command);
    }
    this.byKind = map;
  }

  /** The entry of a kind, or `analysis.unknown_kind` naming the known ones. */
  get(kind: string): AnalysisEntry {
    const entry = this.byKind.get(kind);
    if (!entry) throw new CimError('analysis.unknown_kind', { kind, known: this.kinds().join(', ') });
    return entry;
  }

  kinds(): string[] {
    return this.entries.map((e) => e.kind);
  }

  /** The entry whose command words start `words`, and how many words it took. */
  byCommand(words: readonly string[]): { entry: AnalysisEntry; used: number } | null {
    let best: { entry: AnalysisEntry; used: number } | null = null;
    for (const e of this.entries) {
      const n = e.command.length;
      if (n <= words.length && e.command.every((w, i) => words[i] === w) && (!best || n > best.used)) {
        best = { entry: e, used: n };
      }
    }
    return best;
  }

  /** What the renderer needs of each analysis (`analysis.kinds`). */
  info(): AnalysisInfo[] {
    return this.entries.map((e) => ({
      kind: e.kind,
      command: [...e.command],
      panel: e.panel,
      report: e.report !== undefined,
    }));
  }
}

export function defaultRegistry(): AnalysisRegistry {
  return new AnalysisRegistry(ANALYSES);
}
