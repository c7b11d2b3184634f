import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../../common/digit.ts';
import { isNonDigitLetter } from '../../common/pen/letters.ts';
import { SHAPE_KINDS, randomShape } from '../../common/pen/nonDigitShapes.ts';
import { PEN_AUGMENTATION, augmentPath, type PathAugmentation } from '../../common/pen/penAugment.ts';
import { pathPrefix, type PenStrokes } from '../../common/pen/penPath.ts';
import { createRandom, randomIndex, uniform, type Random } from '../../common/random.ts';
import { NOT_A_DIGIT } from '../../common/reading.ts';
import type { LabelledImages } from '../data/labelledImages.ts';
import { penImage } from '../../common/pen/penImage.ts';
import { packImages, standardPenImage } from '../data/penImages.ts';
import { samplesOf, type PenSample, type WriterPart } from '../data/pen.ts';
import { predictProbabilities } from '../models/predict.ts';

/**
 * The training set of a model that reads real hands and knows ink that is no digit: MNIST, real pen
 * digits drawn the way players draw (path distortions, sizes, places and pen widths; the game's
 * brush and normalisation), and under the extra label NOT_A_DIGIT: letters that are no digit,
 * taps, dashes, ticks, scribbles and filled blobs, and digits caught part-way through (a prefix of
 * a real pen path).
 *
 * The trap in unfinished digits is that some are finished digits of another kind: the loop of a 9
 * is a 0, the stem of a 4 or a 7 is a 1, and late in a path the digit is often already there. A
 * reference model trained on MNIST alone (`teacher`) reads each prefix: one it reads as the digit
 * being written, or as a digit that a writer of the label really does draw first
 * (FINISHED_FIRST), is left out rather than called "not a digit".
 */

/** Digits that are whole digits on the way to another one: label → what its beginning can already be. */
export const FINISHED_FIRST: Readonly<Record<number, readonly number[]>> = { 4: [1], 7: [1], 9: [0, 1], 8: [0], 6: [0] };

/** A teacher reading at or above this counts as "it already is that digit". */
const TEACHER_SURE = 0.5;

export interface PenMixOptions {
  readonly digits: readonly PenSample[];
  readonly letters: readonly PenSample[];
  readonly parts: ReadonlyMap<string, WriterPart>;
  /** reads prefixes; outputs its first ten as digit probabilities */
  readonly teacher: tf.LayersModel;
  readonly seed: number;
  /** distorted drawings of every training digit */
  readonly digitCopies: number;
  /** prefixes drawn of every training digit (before the teacher leaves some out) */
  readonly prefixCopies: number;
  readonly shapes: number;
  /** how training digits' paths are distorted */
  readonly augmentation: PathAugmentation;
}

export interface PenMixPart {
  readonly images: Float32Array[];
  readonly labels: number[];
  readonly counts: Readonly<Record<'digits' | 'letters' | 'prefixes' | 'prefixesLeftOut' | 'shapes', number>>;
}

/** The distorted training part (train writers) and the plainly drawn validation part (validation writers). */
export function penTrainingPart(options: PenMixOptions): PenMixPart {
  const random = createRandom(options.seed * 31 + 7);
  const digits = samplesOf(options.digits, options.parts, 'train');
  const letters = samplesOf(options.letters, options.parts, 'train').filter((s) => typeof s.label === 'string' && isNonDigitLetter(s.label));
  const { images, labels, add } = collector();
  const drawn = (strokes: PenStrokes, fraction = 1) => {
    const path = augmentPath(strokes, options.augmentation, random);
    return penImage(fraction >= 1 ? path.strokes : pathPrefix(path.strokes, fraction), path.placement, path.brush);
  };
  let digitCount = 0;
  for (const sample of digits) {
    for (let c = 0; c < options.digitCopies; c++) if (add(drawn(sample.strokes), Number(sample.label))) digitCount++;
  }
  let letterCount = 0;
  for (const sample of letters) if (add(drawn(sample.strokes), NOT_A_DIGIT)) letterCount++;
  const prefixes: { image: Float32Array; label: number }[] = [];
  for (const sample of digits) {
    for (let c = 0; c < options.prefixCopies; c++) {
      const image = drawn(sample.strokes, uniform(random, 0.2, 0.85));
      if (image) prefixes.push({ image, label: Number(sample.label) });
    }
  }
  const unfinished = keepUnfinished(options.teacher, prefixes);
  for (const image of unfinished) add(image, NOT_A_DIGIT);
  const shapeCount = addShapes(options.shapes, random, add);
  return {
    images,
    labels,
    counts: { digits: digitCount, letters: letterCount, prefixes: unfinished.length, prefixesLeftOut: prefixes.length - unfinished.length, shapes: shapeCount },
  };
}

/** Validation writers' digits, non-digit letters and half-drawn digits, drawn as evaluation draws them, plus shapes. */
export function penValidationPart(options: PenMixOptions): PenMixPart {
  const random = createRandom(options.seed * 31 + 11);
  const digits = samplesOf(options.digits, options.parts, 'validation');
  const letters = samplesOf(options.letters, options.parts, 'validation').filter((s) => typeof s.label === 'string' && isNonDigitLetter(s.label));
  const { images, labels, add } = collector();
  let digitCount = 0;
  for (const s of digits) if (add(standardPenImage(s.strokes), Number(s.label))) digitCount++;
  let letterCount = 0;
  for (const s of letters) if (add(standardPenImage(s.strokes), NOT_A_DIGIT)) letterCount++;
  const prefixes: { image: Float32Array; label: number }[] = [];
  for (const s of digits) {
    const image = standardPenImage(s.strokes, 0.5);
    if (image) prefixes.push({ image, label: Number(s.label) });
  }
  const unfinished = keepUnfinished(options.teacher, prefixes);
  for (const image of unfinished) add(image, NOT_A_DIGIT);
  const shapeCount = addShapes(Math.round(options.shapes / 8), random, add);
  return {
    images,
    labels,
    counts: { digits: digitCount, letters: letterCount, prefixes: unfinished.length, prefixesLeftOut: prefixes.length - unfinished.length, shapes: shapeCount },
  };
}

/** Images with their labels, and `add`, which keeps an image (a drawing that left ink) and says whether it did. */
function collector() {
  const images: Float32Array[] = [];
  const labels: number[] = [];
  const add = (image: Float32Array | null, label: number): boolean => {
    if (!image) return false;
    images.push(image);
    labels.push(label);
    return true;
  };
  return { images, labels, add };
}

function addShapes(count: number, random: Random, add: (image: Float32Array | null, label: number) => boolean): number {
  let added = 0;
  for (let i = 0; i < count; i++) {
    const kind = SHAPE_KINDS[randomIndex(random, SHAPE_KINDS.length)] ?? 'dots';
    const widen = uniform(random, PEN_AUGMENTATION.brushScale[0], PEN_AUGMENTATION.brushScale[1]);
    const brush = { core: 0.75 * widen, radius: 1.75 * widen, peak: 1 };
    if (add(penImage(randomShape(kind, random), { scale: 1, dx: 0, dy: 0 }, brush), NOT_A_DIGIT)) added++;
  }
  return added;
}

/** The prefixes the teacher reads neither as their own digit nor as a digit their writer draws first. */
export function keepUnfinished(teacher: tf.LayersModel, prefixes: readonly { image: Float32Array; label: number }[]): Float32Array[] {
  if (prefixes.length === 0) return [];
  const images = tf.tensor4d(packImages(prefixes.map((p) => p.image)), [prefixes.length, IMAGE_SIZE, IMAGE_SIZE, 1]);
  let probabilities: Float32Array;
  try {
    probabilities = predictProbabilities(teacher, images);
  } finally {
    images.dispose();
  }
  const classes = probabilities.length / prefixes.length;
  return prefixes.filter((p, i) => {
    const row = probabilities.subarray(i * classes, i * classes + 10);
    const allowed = [p.label, ...(FINISHED_FIRST[p.label] ?? [])];
    return !allowed.some((d) => (row[d] ?? 0) >= TEACHER_SURE);
  }).map((p) => p.image);
}

/** MNIST's images joined with pen images into one whole-dataset tensor. */
export function joinWithMnist(mnist: LabelledImages, part: PenMixPart): LabelledImages {
  const pen = tf.tensor4d(packImages(part.images), [part.images.length, IMAGE_SIZE, IMAGE_SIZE, 1]);
  const images = tf.concat([mnist.images, pen], 0);
  pen.dispose();
  const labels = new Uint8Array(mnist.labels.length + part.labels.length);
  labels.set(mnist.labels, 0);
  labels.set(part.labels, mnist.labels.length);
  return { images, labels };
}
