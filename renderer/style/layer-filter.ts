/** Whether a feature passes its layer's filter (contract LayerFilter). Pure. */
import type { LayerFilter } from '../../common/contract/index.js';

function comparable(value: unknown): string | number | null {
  return typeof value === 'number' || typeof value === 'string' ? value : null;
}

export function passesFilter(properties: Record<string, unknown>, filter: LayerFilter | null | undefined): boolean {
  if (!filter) return true;
  const value = comparable(properties[filter.field]);
  const first = filter.values[0];
  switch (filter.op) {
    case 'in':
      return value !== null && filter.values.includes(value);
    case 'notIn':
      return value === null || !filter.values.includes(value);
    case 'gte':
      return value !== null && first !== undefined && typeof value === typeof first && value >= first;
    case 'lte':
      return value !== null && first !== undefined && typeof value === typeof first && value <= first;
  }
}
