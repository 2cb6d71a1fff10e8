/**
 * The inspector's decisions on the suspects of a change-detection run (违法建设核查): confirm,
 * or dismiss with a reason. Every decision is a row of cim_change_reviews (migration 9), so
 * the history stays; the latest per suspect is its state. Environment: node.
 */
import type { ReviewDecision, ReviewEntry } from '../../../common/contract/change.js';
import { CimError } from '../../../common/errors.js';
import type { Db } from '../../store/connection.js';
import { quoteIdent } from '../../store/feature-table.js';
import { readRun } from '../result.js';

interface Row {
  id: number;
  result_layer: string;
  fid: number;
  decision: ReviewDecision;
  reason: string;
  at: string;
  case_id: string | null;
}

function entryOf(r: Row): ReviewEntry {
  return {
    id: r.id,
    layer: r.result_layer,
    fid: r.fid,
    decision: r.decision,
    reason: r.reason,
    at: r.at,
    caseId: r.case_id,
  };
}

export function recordReview(
  db: Db,
  input: { layer: string; fid: number; decision: ReviewDecision; reason: string },
  now: Date,
): ReviewEntry {
  readRun(db, input.layer, 'change');
  const exists = db.prepare(`SELECT 1 FROM ${quoteIdent(input.layer)} WHERE fid = ?`).get(input.fid);
  if (!exists) throw new CimError('change.no_such_suspect', { layer: input.layer, fid: input.fid });
  const reason = input.reason.trim();
  if (input.decision === 'dismissed' && reason === '') {
    throw new CimError('change.reason_required', { layer: input.layer, fid: input.fid });
  }
  const info = db
    .prepare('INSERT INTO cim_change_reviews (result_layer, fid, decision, reason, at) VALUES (?, ?, ?, ?, ?)')
    .run(input.layer, input.fid, input.decision, reason, now.toISOString());
  return entryOf(db.prepare('SELECT * FROM cim_change_reviews WHERE id = ?').get(info.lastInsertRowid) as Row);
}

/** The history of a run's reviews, oldest first. */
export function listReviews(db: Db, layer: string): ReviewEntry[] {
  readRun(db, layer, 'change');
  return (db.prepare('SELECT * FROM cim_change_reviews WHERE result_layer = ? ORDER BY id').all(layer) as Row[]).map(
    entryOf,
  );
}

/** The latest decision per suspect. */
export function latestDecisions(history: readonly ReviewEntry[]): Map<number, ReviewEntry> {
  const out = new Map<number, ReviewEntry>();
  for (const e of history) out.set(e.fid, e);
  return out;
}

/** Links a review row to the case it filed (migration 11). */
export function setReviewCase(db: Db, reviewId: number, caseId: string): ReviewEntry {
  db.prepare('UPDATE cim_change_reviews SET case_id = ? WHERE id = ?').run(caseId, reviewId);
  return entryOf(db.prepare('SELECT * FROM cim_change_reviews WHERE id = ?').get(reviewId) as Row);
}

/** The case an earlier confirmation of this suspect filed, if any. */
export function caseOfSuspect(db: Db, layer: string, fid: number): string | null {
  const r = db
    .prepare(
      'SELECT case_id FROM cim_change_reviews WHERE result_layer = ? AND fid = ? AND case_id IS NOT NULL ORDER BY id DESC LIMIT 1',
    )
    .get(layer, fid) as { case_id: string } | undefined;
  return r?.case_id ?? null;
}
