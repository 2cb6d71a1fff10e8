/** How an attribute value reads in a table cell: text as is, numbers plainly, the rest as JSON. */
export interface CellWords {
  empty: string;
  yes: string;
  no: string;
}

export function cellText(value: unknown, words: CellWords): string {
  if (value === null || value === undefined) return words.empty;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  return JSON.stringify(value);
}
