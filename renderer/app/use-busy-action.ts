import { useState } from 'react';

/**
 * A dialog's one async action: `busy` while it runs, the error it threw kept for display.
 * `run` never rejects, so a submit handler can be passed straight to a button.
 */
export function useBusyAction(): {
  busy: boolean;
  error: unknown;
  run: (action: () => Promise<void>) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
