/**
 * How a call of the contract is declared: its input and output schemas and whether it
 * writes the workspace. Each domain file declares its calls with `call`; `index.ts`
 * gathers them into the one table both transports are generated from. Environment: common.
 */
import { z } from 'zod';

export interface CallSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** Whether the call changes the workspace (used by the host to serialise writers). */
  writes: boolean;
}

export function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, writes = false): CallSpec<I, O> {
  return { input, output, writes };
}

/** The input of a call that takes nothing. */
export const Empty = z.object({}).strict();

/** What a call that starts a job answers. */
export const JobStarted = z.object({ jobId: z.string() });
