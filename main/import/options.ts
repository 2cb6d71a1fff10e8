/** The user's import options as the contract carries them -> what the readers take. Environment: node. */
import { importError } from '../../common/errors.js';
import { parseCrsChoice } from './crs/source-crs.js';
import type { ReadOptions, TiledOptions } from './types.js';

/** Plain, serialisable (it crosses into the job's worker thread). */
export interface ImportOptionsInput extends TiledOptions {
  crs?: string | undefined;
  encoding?: string | undefined;
  xColumn?: string | undefined;
  yColumn?: string | undefined;
}

export function readOptions(input: ImportOptionsInput, fileName: string): ReadOptions {
  const out: ReadOptions = {
    encoding: input.encoding,
    xColumn: input.xColumn,
    yColumn: input.yColumn,
    placement: input.placement,
    lod: input.lod,
  };
  if (input.crs) {
    const crs = parseCrsChoice(input.crs);
    if (!crs) throw importError('unsupported_crs', { file: fileName, crs: input.crs });
    out.crs = crs;
  }
  return out;
}
