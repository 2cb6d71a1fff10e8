/**
 * Handlers of the illegal-build review's own calls (contract: change.review, change.reviews),
 * merged into the handler table; running a detection and reading its runs are the shared
 * analysis calls. Environment: node.
 */
import { randomUUID } from 'node:crypto';
import type { Input, Output } from '../../common/contract/index.js';
import { listReviews, recordReview } from '../analysis/change/reviews.js';
import { confirmSuspect } from '../analysis/change/to-case.js';
import type { Db } from '../store/connection.js';

export interface ChangeHandlerDeps {
  db(): Db;
  write<T>(fn: () => T): Promise<T>;
  now(): Date;
}

type ChangeMethods = 'change.review' | 'change.reviews';

export function createChangeHandlers(d: ChangeHandlerDeps): {
  [M in ChangeMethods]: (input: Input<M>) => Promise<Output<M>>;
} {
  return {
    'change.review': (i) =>
      d.write(() =>
        i.decision === 'confirmed'
          ? confirmSuspect(
              d.db(),
              {
                layer: i.layer,
                fid: i.fid,
                reason: i.reason ?? '',
                by: i.by ?? '违法建设核查',
                screenshot: i.screenshot && {
                  contentType: i.screenshot.contentType,
                  data: Buffer.from(i.screenshot.base64, 'base64'),
                },
              },
              d.now(),
              randomUUID,
            ).review
          : recordReview(d.db(), { layer: i.layer, fid: i.fid, decision: i.decision, reason: i.reason ?? '' }, d.now()),
      ),
    'change.reviews': (i) => Promise.resolve(listReviews(d.db(), i.layer)),
  };
}
