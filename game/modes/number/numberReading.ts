import { readNumber, type ClassifyBatch, type VerifyBatch } from '../../../common/segmentation/readNumber.ts';
import { asInkImage, type Grid } from '../../../common/ink/grid.ts';
import { reportNumber, type NumberReport } from '../../shell/state/numberReport.ts';

export interface NumberRecognition {
  readonly report: NumberReport;
  /** the grid version this answer is for */
  readonly gridVersion: number;
  /** segmentation, normalisation and the model, milliseconds */
  readonly ms: number;
}

/** The shared segmentation and MNIST normalisation (common/segmentation/readNumber.ts), then the model (and the piece verifier, if loaded). */
export async function readGrid(grid: Grid, classify: ClassifyBatch, now: () => number, verify?: VerifyBatch): Promise<NumberRecognition> {
  const start = now();
  const gridVersion = grid.version;
  // readNumber copies what it needs before its first await, so later strokes cannot leak in
  const reading = await readNumber(asInkImage(grid), classify, verify);
  return { report: reportNumber(reading), gridVersion, ms: now() - start };
}
