/** What a tile build needs from whoever runs it: progress, cancel and a clock. Environment: common. */
import { CimError } from '../../common/errors.js';

export interface BuildControl {
  progress(fraction: number, stage: string): void;
  isCancelled(): boolean;
  now(): Date;
}

/** Throws `jobs.cancelled` when the user has asked to stop; call between units of work. */
export function checkCancelled(control: BuildControl, file: string): void {
  if (control.isCancelled()) throw new CimError('jobs.cancelled', { file });
}

/** Lets the event loop run (progress messages, cancel flag) during a long synchronous stretch. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
