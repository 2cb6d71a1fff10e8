import { describe, expect, it } from 'vitest';
import { MERGE_FIELDS, mergeCase, type CaseValues } from '../../../main/cases/merge-core.js';

const base: CaseValues = Object.fromEntries(MERGE_FIELDS.map((f) => [f, `${f}-0`]));
const edit = (v: CaseValues, patch: Record<string, string | null>): CaseValues => ({ ...v, ...patch });

describe('three-way merge of one case', () => {
  it('merges independent edits, sees equal edits as none, and reports a same-field conflict', () => {
    const ours = edit(base, { status: '结案', closed_at: 'T1' });
    const theirs = edit(base, { address: '新地址', closed_at: 'T1' });
    expect(mergeCase(base, ours, theirs, { ours: true, theirs: true })).toEqual({
      kind: 'fields',
      take: { address: '新地址' },
      conflicts: [],
    });
    const clash = mergeCase(base, edit(base, { assignee: '甲' }), edit(base, { assignee: '乙' }), {
      ours: true,
      theirs: true,
    });
    expect(clash).toEqual({
      kind: 'fields',
      take: {},
      conflicts: [{ field: 'assignee', base: 'assignee-0', ours: '甲', theirs: '乙' }],
    });
    expect(mergeCase(base, base, base, { ours: false, theirs: false })).toEqual({ kind: 'unchanged' });
  });

  it('treats a deletion against an edit as a conflict, and a plain deletion or addition as such', () => {
    expect(mergeCase(base, edit(base, { status: '派遣' }), null, { ours: true, theirs: false })).toEqual({
      kind: 'fields',
      take: {},
      conflicts: [{ field: '_deleted', base: 'kept', ours: 'kept', theirs: 'deleted' }],
    });
    expect(mergeCase(base, null, edit(base, { status: '派遣' }), { ours: false, theirs: true })).toMatchObject({
      conflicts: [{ field: '_deleted', ours: 'deleted', theirs: 'kept' }],
    });
    expect(mergeCase(base, base, null, { ours: false, theirs: false })).toEqual({ kind: 'delete' });
    expect(mergeCase(base, null, base, { ours: false, theirs: false })).toEqual({ kind: 'unchanged' });
    expect(mergeCase(null, null, base, { ours: false, theirs: false })).toEqual({ kind: 'add' });
  });

  it('loses no edit over 200 randomised two-inspector edit sequences', () => {
    let seed = 12_345;
    const rand = (): number => {
      // xorshift32: deterministic
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const values = ['a', 'b', 'c', null];
    for (let run = 0; run < 200; run++) {
      let ours: Record<string, string | null> = { ...base };
      let theirs: Record<string, string | null> = { ...base };
      const steps = 1 + Math.floor(rand() * 8);
      for (let s = 0; s < steps; s++) {
        const side = rand() < 0.5;
        const f = pick(MERGE_FIELDS);
        const v = pick(values);
        if (side) ours = { ...ours, [f]: v };
        else theirs = { ...theirs, [f]: v };
      }
      const m = mergeCase(base, ours, theirs, { ours: true, theirs: true });
      const merged: Record<string, string | null> = { ...ours, ...(m.kind === 'fields' ? m.take : {}) };
      const conflicted = new Set(m.kind === 'fields' ? m.conflicts.map((c) => c.field) : []);
      for (const f of MERGE_FIELDS) {
        const o = ours[f] ?? null;
        const t = theirs[f] ?? null;
        const b = base[f] ?? null;
        if (o !== b && t !== b && o !== t) {
          // both changed it differently: waits for a person, ours kept meanwhile, theirs listed
          expect(conflicted.has(f), `run ${String(run)} ${f}`).toBe(true);
          expect(merged[f]).toBe(o);
          const c = m.kind === 'fields' ? m.conflicts.find((x) => x.field === f) : undefined;
          expect(c?.theirs).toBe(t);
        } else {
          expect(conflicted.has(f), `run ${String(run)} ${f}`).toBe(false);
          // every one-sided edit survives
          expect(merged[f], `run ${String(run)} ${f}`).toBe(o !== b ? o : t);
        }
      }
    }
  });
});
