/**
 * ASCII DXF as group-code/value pairs, split into sections, and entities as lists of pairs
 * (AutoCAD DXF Reference: a code line, then a value line). Pure; environment: common.
 */
import { importError } from '../../../common/errors.js';

export interface Group {
  code: number;
  value: string;
}

export interface Entity {
  type: string;
  groups: Group[];
  /** 1-based index among the section's entities. */
  index: number;
}

export function dxfGroups(text: string, file: string): Group[] {
  const lines = text.split(/\r?\n/);
  const out: Group[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const codeText = (lines[i] ?? '').trim();
    if (codeText === '' && i + 2 >= lines.length) break;
    const code = Number(codeText);
    if (!/^-?\d+$/.test(codeText) || !Number.isInteger(code)) {
      throw importError('dxf_bad_group', { file, line: i + 1, text: codeText.slice(0, 40) });
    }
    out.push({ code, value: (lines[i + 1] ?? '').replace(/\s+$/, '') });
    if (code === 0 && out[out.length - 1]?.value.trim() === 'EOF') break;
  }
  return out;
}

/** The groups of each named section (`HEADER`, `BLOCKS`, `ENTITIES`…). */
export function sections(groups: readonly Group[]): Map<string, Group[]> {
  const out = new Map<string, Group[]>();
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (g?.code !== 0 || g.value.trim() !== 'SECTION') continue;
    const name = groups[i + 1]?.code === 2 ? (groups[i + 1]?.value.trim() ?? '') : '';
    const start = i + 2;
    let end = start;
    while (end < groups.length && !(groups[end]?.code === 0 && groups[end]?.value.trim() === 'ENDSEC')) end++;
    out.set(name, groups.slice(start, end));
    i = end;
  }
  return out;
}

/** Splits a run of groups at each code 0 into entities. */
export function entities(groups: readonly Group[]): Entity[] {
  const out: Entity[] = [];
  let current: Entity | null = null;
  for (const g of groups) {
    if (g.code === 0) {
      current = { type: g.value.trim(), groups: [], index: out.length + 1 };
      out.push(current);
    } else current?.groups.push(g);
  }
  return out;
}

export function num(e: Entity, code: number, fallback = 0): number {
  const g = e.groups.find((x) => x.code === code);
  const n = g ? Number(g.value) : NaN;
  return Number.isFinite(n) ? n : fallback;
}

export function str(e: Entity, code: number): string {
  return e.groups.find((x) => x.code === code)?.value ?? '';
}
