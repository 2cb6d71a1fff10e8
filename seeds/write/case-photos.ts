/**
 * Photos for a few of the demo's open cases. The demo city has no street photography, so a
 * case's "photo" is what the city has of the spot: a 96 × 72 m crop of the orthophoto around
 * it (1 px per metre), PNG, labelled as such. Deterministic: the same cases, the same pixels.
 */
import { encode } from 'fast-png';
import type { CaseRecord } from '../city/case-workflow.js';
import type { Frame } from '../geo/frame.js';
import type { GeoTiffRaster } from '../raster/geotiff.js';

export interface CasePhoto {
  caseId: string;
  png: Uint8Array;
  takenAt: string;
  note: string;
}

const WIDTH_M = 96;
const HEIGHT_M = 72;
/** How many open cases get one. */
const PHOTO_CASES = 8;

/** The cases that get a photo: the newest open ones being handled or checked. */
function photoCases(cases: readonly CaseRecord[]): CaseRecord[] {
  return cases.filter((c) => c.status === '处置' || c.status === '核查').slice(-PHOTO_CASES);
}

export function casePhotos(
  cases: readonly CaseRecord[],
  ortho: GeoTiffRaster,
  frame: Frame,
  iso: (ms: number) => string,
): CasePhoto[] {
  const out: CasePhoto[] = [];
  for (const c of photoCases(cases)) {
    const [e, n] = frame.toGk(c.at);
    const w = Math.round(WIDTH_M / ortho.cellSizeM);
    const h = Math.round(HEIGHT_M / ortho.cellSizeM);
    const col0 = Math.round((e - ortho.originX) / ortho.cellSizeM - w / 2);
    const row0 = Math.round((ortho.originY - n) / ortho.cellSizeM - h / 2);
    const data = new Uint8Array(w * h * 3);
    for (let r = 0; r < h; r++) {
      for (let k = 0; k < w; k++) {
        const sr = Math.min(ortho.heightPx - 1, Math.max(0, row0 + r));
        const sc = Math.min(ortho.widthPx - 1, Math.max(0, col0 + k));
        for (let b = 0; b < 3; b++) data[(r * w + k) * 3 + b] = ortho.data[(sr * ortho.widthPx + sc) * 3 + b] ?? 0;
      }
    }
    // a red ring marks the spot
    for (let a = 0; a < 360; a += 2) {
      const x = Math.round(w / 2 + 6 * Math.cos((a * Math.PI) / 180));
      const y = Math.round(h / 2 + 6 * Math.sin((a * Math.PI) / 180));
      data.set([230, 30, 30], (y * w + x) * 3);
    }
    const reported = c.events[0]?.atMs ?? c.reportedMs;
    out.push({
      caseId: c.caseId,
      png: encode({ width: w, height: h, data, channels: 3, depth: 8 }),
      takenAt: iso(reported),
      note: '航拍影像截图（示范数据，非现场照片）',
    });
  }
  return out;
}
