/** Small summary statistics for repeated runs. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function summarize(values: number[], digits = 0): Summary {
  const round = (v: number): number => Number(v.toFixed(digits));
  return {
    median: round(median(values)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    runs: values.map(round),
  };
}

export function ratio(a: number, b: number): number {
  return Number((a / b).toFixed(3));
}
