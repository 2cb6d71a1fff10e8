/** Number formatting for lengths, areas, heights and coordinates shown to the user. */

export interface Quantity {
  value: string;
  unit: 'm' | 'km' | 'm2' | 'km2' | 'ha';
}

const grouped = (digits: number) => (value: number) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function lengthQuantities(lengthM: number): Quantity[] {
  return [
    { value: grouped(2)(lengthM), unit: 'm' },
    { value: grouped(3)(lengthM / 1000), unit: 'km' },
  ];
}

export function areaQuantities(areaM2: number): Quantity[] {
  return [
    { value: grouped(2)(areaM2), unit: 'm2' },
    { value: grouped(4)(areaM2 / 10_000), unit: 'ha' },
    { value: grouped(6)(areaM2 / 1_000_000), unit: 'km2' },
  ];
}

/** A length in the unit that reads best (m below 1 km). */
export function compactLength(lengthM: number): Quantity {
  if (Math.abs(lengthM) < 1000) return { value: grouped(lengthM < 10 ? 2 : 1)(lengthM), unit: 'm' };
  return { value: grouped(lengthM < 100_000 ? 2 : 0)(lengthM / 1000), unit: 'km' };
}

export function degrees6(value: number): string {
  return value.toFixed(6);
}

export function metres2(value: number): string {
  return grouped(2)(value);
}
