/** A stored attribute value as text (class values, district names); null for null or blank. Environment: common. */
export function textOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  const t = s.trim();
  return t === '' ? null : t;
}
