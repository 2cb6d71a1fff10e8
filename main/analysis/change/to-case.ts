/**
 * Confirm → case (违法建设核查 → 城市管理案件, issues #13 and #12): confirming a suspect records
 * the decision and files a case in the case desk at the building, category 事件 0101 私搭乱建,
 * with the evidence the inspector acts on: the measurements (excess area and height), both
 * survey epochs' attributes, the permit number and permitted height, the zone, the reasons,
 * and, when confirmed from the UI, a screenshot of the globe at the suspect (a case photo).
 * The evidence is the case's first history entry after 上报 (action 证据), so the case desk,
 * its packages and QGIS (cim_case_history) all show it. The review row keeps the case
 * number (migration 11): confirming the same suspect again points at that case, never a
 * duplicate. Runs inside the caller's transaction: a refusal changes nothing.
 * Environment: node.
 */
import type { ReviewEntry } from '../../../common/contract/change.js';
import { CimError } from '../../../common/errors.js';
import { addPhoto, appendHistory, createCase, findCase, type StoredCase } from '../../cases/store.js';
import type { Db } from '../../store/connection.js';
import { describeFeatureTable, quoteIdent, tableExists } from '../../store/feature-table.js';
import { readRun } from '../result.js';
import { ILLEGAL_BUILD_CATEGORY, caseInputOf, suspectFeatures, type CaseInput } from './case-inputs.js';
import { BUILDING_ID_NAMES, findField } from './fields.js';
import { caseOfSuspect, recordReview, setReviewCase } from './reviews.js';

export interface ConfirmInput {
  layer: string;
  fid: number;
  reason: string;
  by: string;
  screenshot?: { contentType: 'image/jpeg' | 'image/png'; data: Uint8Array } | undefined;
}

export interface ConfirmResult {
  review: ReviewEntry;
  caseId: string;
  /** False when an earlier confirmation of this suspect had filed the case already. */
  created: boolean;
}

/** The case desk's `source` (来源) of a case filed by the detection. */
export const CHANGE_CASE_SOURCE = '违法建设识别';

const KIND_ZH: Record<string, string> = {
  in_protected_zone: '占用禁建区',
  no_permit: '未取得规划许可',
  beyond_height: '超出许可高度',
  beyond_footprint: '超出许可范围',
};

function attrs(r: Record<string, unknown>): string {
  const parts = Object.entries(r)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(
      ([k, v]) =>
        `${k}=${typeof v === 'number' ? String(Number(v.toFixed(3))) : typeof v === 'string' ? v : JSON.stringify(v)}`,
    );
  return parts.length ? parts.join('，') : '—';
}

const m = (v: number | null, unit: string): string => (v === null ? '—' : `${v.toFixed(1)} ${unit}`);

/** The evidence as the lines of the case's 证据 history entry (Chinese: the case desk's language). */
export function evidenceText(c: CaseInput, epochs: { before: string; after: string }): string {
  const e = c.evidence;
  const lines = [
    `疑点类型：${e.kinds.map((k) => KIND_ZH[k] ?? k).join('、')}（${e.kinds.join(',')}），评分 ${e.score.toFixed(1)}`,
    `测量：超出面积 ${m(e.excessAreaM2, 'm²')}，超出高度 ${m(e.excessHeightM, 'm')}，前期高度 ${m(e.beforeHeightM, 'm')}`,
    `规划许可：${e.permit ?? '无'}${e.permitHeightM === null ? '' : `（许可高度 ${m(e.permitHeightM, 'm')}）`}`,
    `禁建区：${e.zone ?? '—'}`,
    `变化：${e.changeClass || '—'}；依据：${e.reasons || '—'}`,
    `前期（${epochs.before}）：${e.before.length ? e.before.map(attrs).join('；') : `无（${e.beforeIds || '新建'}）`}`,
    `后期（${epochs.after}）：${attrs(e.after)}`,
    `来源：${c.source.resultLayer} 疑点 ${String(c.source.fid)}${e.reviewNote ? `；核查意见：${e.reviewNote}` : ''}`,
  ];
  return lines.join('\n');
}

/** The before survey's buildings named in `before_ids` (by the id field the run used, else by fid). */
export function beforeAttributes(db: Db, beforeLayer: string, ids: string): Record<string, unknown>[] {
  const wanted = ids.split(',').filter((s) => s !== '');
  if (wanted.length === 0 || !tableExists(db, beforeLayer)) return [];
  const info = describeFeatureTable(db, beforeLayer);
  const idField = findField(info.fields, BUILDING_ID_NAMES);
  const key = idField === null ? quoteIdent(info.primaryKey) : `CAST(${quoteIdent(idField)} AS TEXT)`;
  const cols = info.fields.map((f) => quoteIdent(f.name)).join(', ');
  const stmt = db.prepare(`SELECT ${cols || '1'} FROM ${quoteIdent(beforeLayer)} WHERE ${key} = ? LIMIT 1`);
  const out: Record<string, unknown>[] = [];
  for (const id of wanted) {
    const row = stmt.get(idField === null ? Number(id) : id) as Record<string, unknown> | undefined;
    if (row) out.push(row);
  }
  return out;
}

function epochsOf(db: Db, layer: string): { before: string; after: string } {
  const p = readRun(db, layer, 'change').params as { before?: unknown; after?: unknown };
  return {
    before: typeof p.before === 'string' ? p.before : '',
    after: typeof p.after === 'string' ? p.after : '',
  };
}

/**
 * Confirms a suspect and files (or finds) its case. `newUuid` names the case for the
 * packages' three-way merge.
 */
export function confirmSuspect(db: Db, input: ConfirmInput, now: Date, newUuid: () => string): ConfirmResult {
  const review = recordReview(db, { ...input, decision: 'confirmed' }, now);
  const nowMs = now.getTime();
  const earlier = caseOfSuspect(db, input.layer, input.fid);
  const existing: StoredCase | undefined = earlier === null ? undefined : findCase(db, earlier);
  let c: StoredCase;
  let created = false;
  if (existing) {
    c = existing;
  } else {
    const epochs = epochsOf(db, input.layer);
    let suspect = null;
    for (const f of suspectFeatures(db, input.layer)) if (f.fid === input.fid) suspect = f;
    if (!suspect) throw new CimError('change.no_such_suspect', { layer: input.layer, fid: input.fid });
    const beforeIds = typeof suspect.properties.before_ids === 'string' ? suspect.properties.before_ids : '';
    const ci = caseInputOf(
      input.layer,
      suspect,
      { at: review.at, reason: review.reason },
      'zh-CN',
      beforeAttributes(db, epochs.before, beforeIds),
    );
    c = createCase(
      db,
      {
        lon: ci.lon,
        lat: ci.lat,
        kind: ILLEGAL_BUILD_CATEGORY.kind,
        categoryCode: ILLEGAL_BUILD_CATEGORY.code,
        description: ci.description,
        source: CHANGE_CASE_SOURCE,
        by: input.by,
      },
      nowMs,
      newUuid(),
    );
    appendHistory(db, c, {
      at: c.reported_at,
      actor: input.by,
      action: '证据',
      from: c.status,
      to: c.status,
      note: evidenceText(ci, epochs),
    });
    created = true;
  }
  if (input.screenshot) {
    addPhoto(
      db,
      c.case_id,
      {
        data: input.screenshot.data,
        contentType: input.screenshot.contentType,
        note: `确认疑点时的三维截图（${input.layer} 疑点 ${String(input.fid)}）`,
        by: input.by,
      },
      nowMs,
    );
  }
  return { review: setReviewCase(db, review.id, c.case_id), caseId: c.case_id, created };
}
