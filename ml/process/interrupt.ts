/**
 * Ctrl-C for long trainings: the first asks the run to stop at its next step (it then saves a
 * checkpoint), or, once training is over, before the model is saved; a second, a moment later,
 * quits at once. The listener stays until the entry has finished, so no Ctrl-C is ever dropped.
 */
export interface StopRequest {
  readonly requested: () => boolean;
  readonly dispose: () => void;
}

/** `whatNow` says, when Ctrl-C arrives, what the run will do, e.g. "stopping after step 12". */
export function stopOnCtrlC(whatNow: () => string): StopRequest {
  let requested = false;
  let first = 0;
  const onSigint = () => {
    // npm and tsx forward the terminal's Ctrl-C to us as well, so one key press can arrive twice.
    if (requested && performance.now() - first > 1000) process.exit(130);
    if (requested) return;
    requested = true;
    first = performance.now();
    console.log(`\nCtrl-C: ${whatNow()} (Ctrl-C again to quit now)`);
  };
  process.on('SIGINT', onSigint);
  return { requested: () => requested, dispose: () => process.off('SIGINT', onSigint) };
}

export class InterruptedError extends Error {
  override name = 'InterruptedError';
}

/** Lets a pending Ctrl-C reach its handler (handlers run only when the event loop gets a turn). */
export function yieldToSignals(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
