/**
 * Where a training run stands: `epoch` epochs fully done and `step` batches into the next, the two
 * numbers a checkpoint saves. A value the loop replaces as it moves, so saving a checkpoint at an
 * epoch's end never has to move the run forward and back again.
 */
export interface Position {
  readonly epoch: number;
  /** 0..stepsPerEpoch; stepsPerEpoch only between an epoch's last step and `nextEpoch` */
  readonly step: number;
  readonly stepsPerEpoch: number;
}

/** where a run saved at `saved` goes on, or the very start */
export function startPosition(saved: { readonly epoch: number; readonly step: number } | undefined, stepsPerEpoch: number): Position {
  return { epoch: saved?.epoch ?? 0, step: saved?.step ?? 0, stepsPerEpoch };
}

export function advance(position: Position): Position {
  return { ...position, step: position.step + 1 };
}

export function atEpochEnd(position: Position): boolean {
  return position.step >= position.stepsPerEpoch;
}

export function nextEpoch(position: Position): Position {
  return { ...position, epoch: position.epoch + 1, step: 0 };
}

/** An epoch's end reads as "next epoch, step 0", so a run resumed from it starts cleanly there. */
export function settled(position: Position): Position {
  return atEpochEnd(position) ? nextEpoch(position) : position;
}

/** fractional, e.g. 2.25: what the learning-rate schedule and the evaluation history count in */
export function epochsDone(position: Position): number {
  return position.epoch + position.step / position.stepsPerEpoch;
}

/** the steps taken since the run's start: the weight average ramps its decay by them */
export function stepsDone(position: Position): number {
  return position.epoch * position.stepsPerEpoch + position.step;
}
