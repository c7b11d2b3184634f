import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE, NUM_CLASSES } from '../../common/digit.ts';
import type { LabelledImages } from '../data/labelledImages.ts';
import { loadPenFile, samplesOf, writerParts } from '../data/pen.ts';
import { packImages, standardPenImage } from '../data/penImages.ts';
import { chooseRejectThreshold, rejectedShare } from '../eval/rejectThreshold.ts';
import { loadModel } from '../models/modelFiles.ts';
import { predictProbabilities } from '../models/predict.ts';
import { PEN_AUGMENTATION } from '../../common/pen/penAugment.ts';
import { penTrainingPart, penValidationPart, type PenMixOptions, type PenMixPart } from './penMix.ts';

/**
 * Real pen data for `npm run train`: the training and validation parts of the mix (penMix.ts), and
 * the "not a digit" threshold chosen after training on validation writers' whole digits and MNIST's
 * validation digits.
 */

/**
 * Share of held-out whole digits the threshold may turn away: well under the 1 % a player may see,
 * because writers nobody validated on are turned away about twice as often as validation writers.
 * A digit the model is unsure of shows as unsure, which wins no round either.
 */
export const REJECT_TARGET = 0.002;

/** How many of each kind the mix draws by default: every training digit four times distorted, two prefixes of each. */
export const PEN_MIX = { digitCopies: 4, prefixCopies: 2, shapes: 6000 } as const;

export interface PenMix {
  readonly dir: string;
  readonly train: PenMixPart;
  readonly validation: PenMixPart;
  /** the validation writers' whole digits alone, for the threshold */
  readonly validationDigits: Float32Array[];
}

/** How the training writers' digits are drawn into the mix. */
export interface PenDrawing {
  /** distorted drawings of every training writer's digit: the mix's weight on real hands against MNIST */
  readonly digitCopies: number;
  /** the paths' bend (common/pen/penAugment.ts `warp`), 0 for none */
  readonly warp: number;
}

export const PEN_DRAWING: PenDrawing = { digitCopies: PEN_MIX.digitCopies, warp: 0 };

export async function loadPenMix(dir: string, teacherDir: string, seed: number, drawing: PenDrawing = PEN_DRAWING): Promise<PenMix> {
  const [digits, letters] = await Promise.all([loadPenFile(dir, 'digits'), loadPenFile(dir, 'letters')]);
  const teacher = await loadModel(teacherDir);
  try {
    return { dir, ...buildPenMix({ digits, letters, parts: writerParts(digits), teacher, seed, drawing }) };
  } finally {
    teacher.dispose();
  }
}

/** The writers (split into parts), the teacher and the seed of the mix, and how its digits are drawn. */
export type PenMixSource = Pick<PenMixOptions, 'digits' | 'letters' | 'parts' | 'teacher' | 'seed'> & { readonly drawing: PenDrawing };

/** The mix of writers already split into parts (a cross-validation's fold as well as the fixed split). */
export function buildPenMix({ digits, letters, parts, teacher, seed, drawing }: PenMixSource): Omit<PenMix, 'dir'> {
  const options = { digits, letters, parts, teacher, seed, ...PEN_MIX, digitCopies: drawing.digitCopies, augmentation: { ...PEN_AUGMENTATION, warp: drawing.warp } };
  const train = penTrainingPart(options);
  const validation = penValidationPart(options);
  const validationDigits = validation.images.filter((_, i) => (validation.labels[i] ?? NUM_CLASSES) < NUM_CLASSES);
  return { train, validation, validationDigits };
}

/** The validation writers' whole digits as evaluation draws them: what the threshold is chosen on. */
export async function validationWriterDigits(dir: string): Promise<Float32Array[]> {
  const digits = await loadPenFile(dir, 'digits');
  return samplesOf(digits, writerParts(digits), 'validation').flatMap((s) => standardPenImage(s.strokes) ?? []);
}

export interface RejectionChoice {
  readonly threshold: number;
  /** on the digits it was chosen on */
  readonly validationRejected: number;
  readonly testRejected: number;
}

export function chooseRejection(model: tf.LayersModel, mnistValidation: LabelledImages, penDigits: readonly Float32Array[], testProbabilities: Float32Array): RejectionChoice {
  const pen = tf.tensor4d(packImages(penDigits), [penDigits.length, IMAGE_SIZE, IMAGE_SIZE, 1]);
  let penProbabilities: Float32Array;
  try {
    penProbabilities = predictProbabilities(model, pen);
  } finally {
    pen.dispose();
  }
  const mnistProbabilities = predictProbabilities(model, mnistValidation.images);
  const both = new Float32Array(penProbabilities.length + mnistProbabilities.length);
  both.set(penProbabilities, 0);
  both.set(mnistProbabilities, penProbabilities.length);
  const threshold = chooseRejectThreshold(both, REJECT_TARGET);
  return { threshold, validationRejected: rejectedShare(both, threshold), testRejected: rejectedShare(testProbabilities, threshold) };
}
