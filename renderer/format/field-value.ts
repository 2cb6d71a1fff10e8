/**
 * An attribute value as the UI shows it: numbers rounded by their field's unit, enumerated
 * values (severity, rule kind, control-line type…) in the UI language through i18next
 * (`enums.<field>.<value>`), text as stored. Land-use codes stay codes: the national
 * table's names are shown beside them where a legend or class column needs them.
 */
import type { TFunction } from 'i18next';
import { formatNumber } from '../../layers/field-format.js';
import { cellText, type CellWords } from './cell-value.js';

export function fieldValueText(t: TFunction, field: string, value: unknown, words: CellWords): string {
  if (typeof value === 'number') return formatNumber(field, value);
  if (typeof value === 'string') return enumLabel(t, field, value);
  return cellText(value, words);
}

/** The UI-language name of an enumerated value, or the value as stored. */
export function enumLabel(t: TFunction, field: string, value: string): string {
  // i18next keys may not contain its separators; such values are shown as stored
  if (value === '' || /[.:]/.test(value)) return value;
  return t(`enums.${field}.${value}`, { defaultValue: value });
}
