/**
 * Ctrl-C for long trainings: the first asks the loop to stop after its current step (it then saves
 * a checkpoint); a second, a moment later, quits at once.
 */
export interface StopRequest {
  readonly requested: () => boolean;
  readonly dispose: () => void;
}

export function stopOnCtrlC(): StopRequest {
  let requested = false;
  let first = 0;
  const onSigint = () => {
    // npm and tsx forward the terminal's Ctrl-C to us as well, so one key press can arrive twice.
    if (requested && performance.now() - first > 1000) process.exit(130);
    if (requested) return;
    requested = true;
    first = performance.now();
    console.log('\nstopping after this step and saving a checkpoint (Ctrl-C again to quit now)');
  };
  process.on('SIGINT', onSigint);
  return { requested: () => requested, dispose: () => process.off('SIGINT', onSigint) };
}
