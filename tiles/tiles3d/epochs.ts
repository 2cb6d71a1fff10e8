/**
 * Merging survey epochs: a building (same id) whose footprint and height are the same in
 * several epochs is one feature present in each of them; a changed one is two features
 * (the old shape in the old epochs, the new one in the new). Pure; environment: common.
 */

export interface EpochFeature {
  epochIndex: number;
  fid: number;
  id: string;
  /** Hash of footprint and height: equal signatures mean an unchanged building. */
  signature: string;
  centroid: [number, number];
  /** [west, south, east, north] degrees. */
  bbox: [number, number, number, number];
}

export interface MergedFeature {
  id: string;
  /** in[e] = 1 when the building stands in epoch e. */
  inEpoch: Uint8Array;
  /** Where its geometry and attributes are read: the first epoch it appears in. */
  epochIndex: number;
  fid: number;
  centroid: [number, number];
  bbox: [number, number, number, number];
  signature: string;
}

export class EpochMerger {
  private readonly byId = new Map<string, MergedFeature[]>();
  readonly features: MergedFeature[] = [];

  constructor(private readonly epochCount: number) {}

  add(f: EpochFeature): void {
    const variants = this.byId.get(f.id) ?? [];
    const same = variants.find((v) => v.signature === f.signature);
    if (same) {
      same.inEpoch[f.epochIndex] = 1;
      return;
    }
    const merged: MergedFeature = {
      id: f.id,
      inEpoch: new Uint8Array(this.epochCount),
      epochIndex: f.epochIndex,
      fid: f.fid,
      centroid: f.centroid,
      bbox: f.bbox,
      signature: f.signature,
    };
    merged.inEpoch[f.epochIndex] = 1;
    variants.push(merged);
    this.byId.set(f.id, variants);
    this.features.push(merged);
  }
}
