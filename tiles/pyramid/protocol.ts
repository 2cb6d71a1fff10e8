/** Messages between a pyramid build and its worker threads. Environment: common. */
import type { SerializedError } from '../../common/errors.js';
import type { ImageryUnit, ImageryUnitResult } from '../imagery/unit.js';
import type { TerrainUnit, TerrainUnitResult } from '../terrain/unit.js';

export type PyramidUnit = ImageryUnit | TerrainUnit;
export type PyramidUnitResult = ImageryUnitResult | TerrainUnitResult;

export type ToPyramidWorker = { type: 'unit'; id: number; unit: PyramidUnit } | { type: 'close' };

export type FromPyramidWorker =
  { type: 'done'; id: number; result: PyramidUnitResult } | { type: 'failed'; id: number; error: SerializedError };
