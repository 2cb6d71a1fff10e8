/**
 * Handlers of the illegal-build review's own calls (contract: change.review, change.reviews),
 * merged into the handler table; running a detection and reading its runs are the shared
 * analysis calls. Environment: node.
 */
import type { Input, Output } from '../../common/contract/index.js';
import { listReviews, recordReview } from '../analysis/change/reviews.js';
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
        recordReview(d.db(), { layer: i.layer, fid: i.fid, decision: i.decision, reason: i.reason ?? '' }, d.now()),
      ),
    'change.reviews': (i) => Promise.resolve(listReviews(d.db(), i.layer)),
  };
}
