/** What the raster, CityJSON, glTF and tileset import tests share. */
import path from 'node:path';
import { CimError } from '../../../common/errors.js';
import type { SourceFile } from '../../../main/import/types.js';

/** A file on disk as the import registry takes it. */
export function src(file: string): SourceFile {
  return { path: file, fileName: path.basename(file) };
}

/** The CimError a promise rejects with; anything else (or success) fails the test. */
export async function failure(p: Promise<unknown>): Promise<CimError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CimError) return err;
    throw err;
  }
  throw new Error('expected a CimError');
}
