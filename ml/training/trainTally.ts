/** Training loss and accuracy summed over the batches since the last evaluation. */
export interface TrainTally {
  /** sum over images of the cross-entropy (a batch's mean loss times its size) */
  readonly lossSum: number;
  readonly correct: number;
  readonly seen: number;
}

export const EMPTY_TALLY: TrainTally = { lossSum: 0, correct: 0, seen: 0 };

/** `loss` is the batch's mean, so a smaller last batch weighs less. */
export function addBatch(tally: TrainTally, loss: number, correct: number, size: number): TrainTally {
  return { lossSum: tally.lossSum + loss * size, correct: tally.correct + correct, seen: tally.seen + size };
}

/** NaN before any batch */
export function meanLoss(tally: TrainTally): number {
  return tally.seen ? tally.lossSum / tally.seen : Number.NaN;
}

/** NaN before any batch */
export function accuracy(tally: TrainTally): number {
  return tally.seen ? tally.correct / tally.seen : Number.NaN;
}
