/**
 * Merging survey epochs: a building (same id) whose footprint and height are the same in
 * several epochs is one feature present in each of them; a changed one is two features
 * (the old shape in the old epochs, the new one in the new). Kept column-wise (plain number
 * arrays, some 150 bytes a building) because pass 1 holds every building of the city.
 * Pure; environment: common.
 */
import { CimError } from '../../common/errors.js';

/** in_<epoch> flags live in one 31-bit mask per feature. */
const MAX_EPOCHS = 31;

export interface EpochFeature {
  epochIndex: number;
  fid: number;
  id: string;
  /** 64-bit hash of footprint and height (two uint32): equal means an unchanged building. */
  signature: readonly [number, number];
  centroid: readonly [number, number];
  /** [west, south, east, north] degrees. */
  bbox: readonly [number, number, number, number];
}

export interface MergedFeature {
  id: string;
  /** inEpoch[e] = 1 when the building stands in epoch e. */
  inEpoch: Uint8Array;
  /** Where its geometry and attributes are read: the first epoch it appears in. */
  epochIndex: number;
  fid: number;
  centroid: [number, number];
  bbox: [number, number, number, number];
}

export class EpochMerger {
  private readonly firstById = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly nextVariant: number[] = [];
  private readonly sigHi: number[] = [];
  private readonly sigLo: number[] = [];
  private readonly masks: number[] = [];
  private readonly epochs: number[] = [];
  private readonly fids: number[] = [];
  private readonly boxes: number[] = [];
  readonly lons: number[] = [];
  readonly lats: number[] = [];

  constructor(private readonly epochCount: number) {
    if (epochCount > MAX_EPOCHS) throw new CimError('tiles.too_many_epochs', { epochs: epochCount, max: MAX_EPOCHS });
  }

  get count(): number {
    return this.ids.length;
  }

  add(f: EpochFeature): void {
    let v = this.firstById.get(f.id) ?? -1;
    let last = -1;
    while (v >= 0) {
      if (this.sigHi[v] === f.signature[0] && this.sigLo[v] === f.signature[1]) {
        this.masks[v] = (this.masks[v] as number) | (1 << f.epochIndex);
        return;
      }
      last = v;
      v = this.nextVariant[v] as number;
    }
    const i = this.ids.length;
    this.ids.push(f.id);
    this.nextVariant.push(-1);
    this.sigHi.push(f.signature[0]);
    this.sigLo.push(f.signature[1]);
    this.masks.push(1 << f.epochIndex);
    this.epochs.push(f.epochIndex);
    this.fids.push(f.fid);
    this.boxes.push(...f.bbox);
    this.lons.push(f.centroid[0]);
    this.lats.push(f.centroid[1]);
    if (last >= 0) this.nextVariant[last] = i;
    else this.firstById.set(f.id, i);
  }

  feature(i: number): MergedFeature {
    const mask = this.masks[i] as number;
    const b = this.boxes;
    return {
      id: this.ids[i] as string,
      inEpoch: Uint8Array.from({ length: this.epochCount }, (_, e) => (mask >> e) & 1),
      epochIndex: this.epochs[i] as number,
      fid: this.fids[i] as number,
      centroid: [this.lons[i] as number, this.lats[i] as number],
      bbox: [b[4 * i] as number, b[4 * i + 1] as number, b[4 * i + 2] as number, b[4 * i + 3] as number],
    };
  }

  /** [west, south, east, north] of every feature together. */
  extent(): [number, number, number, number] {
    const e: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    const b = this.boxes;
    for (let k = 0; k < b.length; k += 4) {
      e[0] = Math.min(e[0], b[k] as number);
      e[1] = Math.min(e[1], b[k + 1] as number);
      e[2] = Math.max(e[2], b[k + 2] as number);
      e[3] = Math.max(e[3], b[k + 3] as number);
    }
    return e;
  }
}
