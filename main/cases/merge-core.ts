/**
 * Three-way merge of one case, field by field, keyed by its UUID: `base` is the case as it
 * was exported in the package, `ours` as it is in the workspace now, `theirs` as it comes
 * back in the package. A field changed on one side only takes that side; changed on both
 * to the same value is no conflict; changed on both to different values is a conflict for a
 * person. A case deleted on one side and edited on the other is a conflict too (field
 * `_deleted`). Pure: values are canonical text (null for empty), rows are field -> text.
 */

export type CaseValues = Readonly<Record<string, string | null>>;

/** Fields the merge compares and writes (`geom` as `POINT(lon lat)`). */
export const MERGE_FIELDS = [
  'geom',
  'type',
  'dl_code',
  'dl_name',
  'xl_code',
  'xl_name',
  'description',
  'address',
  'reported_at',
  'status',
  'source',
  'street',
  'community',
  'dept',
  'assignee',
  'deadline_at',
  'closed_at',
  'overdue',
  'height_m',
  'check_result',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number] | '_deleted';

export const DELETED_FIELD = '_deleted';

interface FieldConflict {
  field: MergeField;
  base: string | null;
  ours: string | null;
  theirs: string | null;
}

export type CaseMerge =
  /** Nothing to do. */
  | { kind: 'unchanged' }
  /** Their new case: add it. */
  | { kind: 'add' }
  /** Deleted in the package and untouched here: delete it here. */
  | { kind: 'delete' }
  | { kind: 'fields'; take: Partial<Record<MergeField, string | null>>; conflicts: FieldConflict[] };

/**
 * `base` null: the case was not in the package when exported (made offline). `ours` or
 * `theirs` null: the case is gone from that side. `oursEdited`/`theirsEdited` say whether
 * that side's version moved past the base version.
 */
export function mergeCase(
  base: CaseValues | null,
  ours: CaseValues | null,
  theirs: CaseValues | null,
  edited: { ours: boolean; theirs: boolean },
): CaseMerge {
  if (theirs === null) {
    if (ours === null || base === null) return { kind: 'unchanged' };
    if (!edited.ours) return { kind: 'delete' };
    return {
      kind: 'fields',
      take: {},
      conflicts: [{ field: DELETED_FIELD, base: 'kept', ours: 'kept', theirs: 'deleted' }],
    };
  }
  if (ours === null) {
    if (base === null) return { kind: 'add' };
    if (!edited.theirs) return { kind: 'unchanged' };
    return {
      kind: 'fields',
      take: {},
      conflicts: [{ field: DELETED_FIELD, base: 'kept', ours: 'deleted', theirs: 'kept' }],
    };
  }
  const take: Partial<Record<MergeField, string | null>> = {};
  const conflicts: FieldConflict[] = [];
  for (const f of MERGE_FIELDS) {
    const o = ours[f] ?? null;
    const t = theirs[f] ?? null;
    if (o === t) continue;
    const b = base ? (base[f] ?? null) : null;
    if (base && t === b) continue; // only we changed it
    if (base && o === b) {
      take[f] = t; // only they changed it
      continue;
    }
    conflicts.push({ field: f, base: b, ours: o, theirs: t });
  }
  if (conflicts.length === 0 && Object.keys(take).length === 0) return { kind: 'unchanged' };
  return { kind: 'fields', take, conflicts };
}
