import { NUM_CLASSES, type InkImage } from '../digit.ts';
import { OUTPUTS_WITH_REJECTION } from '../reading.ts';
import { aspectDeviation } from './digitShapes.ts';
import type { InkBox } from '../preprocess.ts';
import { proposeSegments, type Candidate, type Proposal } from './segment.ts';

/**
 * Reads a number written across a wide canvas: segment, classify every proposed piece in one batch
 * (and ask the piece verifier, when there is one, whether each piece is one digit), then keep the
 * reading whose pieces are most convincing.
 *
 * A reading's score is the sum over its digits of log(confidence) minus priors, because a classifier
 * reads almost anything as some digit, often confidently: two squeezed touching digits as one wide
 * digit, half a digit as a "1". So a piece much wider than its class is usually written costs (only
 * wider: pieces of overlapping digits come out narrower than written), each cut costs the ink it
 * severs, a piece much shorter than the number's digits costs (it is more likely a stroke than a
 * digit), and so does a piece the verifier doubts is one digit. Against all that, each digit
 * read earns a small bonus: without it, two touching digits read as one confident digit win over
 * the same ink read as two equally confident digits, since every log(confidence) is negative.
 * The weights were chosen on ml/numbers/numbers.ts's synthetic numbers.
 */

/** Ten probabilities (summing to 1) for each 28x28 input, in order. Sync or async so both a tfjs
 * model in the browser and a Node evaluation can provide it. */
export type ClassifyBatch = (batch: readonly Float32Array[]) => readonly Float32Array[] | Promise<readonly Float32Array[]>;

export interface ReadDigit {
  /** the digit's ink in canvas coordinates (inclusive) */
  readonly box: InkBox;
  /** 28x28 as classified */
  readonly pixels: Float32Array;
  readonly digit: number;
  readonly confidence: number;
  readonly probabilities: Float32Array;
}

export interface NumberReading {
  /** left to right */
  readonly digits: readonly ReadDigit[];
  /** the digits as text, e.g. "2026"; "" for a blank canvas */
  readonly text: string;
}

/** The weights of a reading's score, in log-probability units (see above and each field). */
export interface ScoreWeights {
  readonly digitBonus: number;
  /**
   * Per squared standard deviation of excess width (see digitShapes.ts), and per pixel of full ink a
   * cut severs (each cut is shared by the pieces either side, hence / 2). Both depend on whether the
   * piece's blob is too wide for one digit. There cuts are expected and cost less, since touching and
   * overlapping digits share strokes any cut must sever, and excess width costs less, since a piece
   * cut out of overlapping digits carries ends of its neighbours' strokes that widen its box. In a
   * narrow blob a cut more likely breaks one digit into two confident 1s.
   */
  readonly aspect: { readonly wideBlob: number; readonly narrowBlob: number };
  readonly cutPerPixel: { readonly wideBlob: number; readonly narrowBlob: number };
  /**
   * In a narrow blob, a piece whose cuts sever more ink than this (pixels of full ink) is not read
   * at all. Two touching digits are often held by a single thin contact, a digit by its strokes; so
   * without the verifier to doubt the halves, a dearer cut mostly splits an isolated digit. With the
   * verifier, no limit: two digits written pressed together hold by more than a thin contact.
   * Figures: BENCHMARKS.md, "Reading numbers".
   */
  readonly narrowBlobMaxCut: number;
  /** Two blobs read as one digit forgo a digit's bonus; joins are only proposed for a stroke-sized
   * fragment right beside another blob (see segment.ts), so they get it back. */
  readonly joinBonus: number;
  /** Digits in one number are written about equally tall; a piece much shorter than the tallest is
   * more likely a stroke of a digit (the first stroke of a 4) than a digit: cost per unit of height
   * fraction below shortFraction. */
  readonly shortFraction: number;
  readonly shortCost: number;
  /** weight of the piece verifier's log P(one digit), when there is one */
  readonly piece: number;
  /**
   * How much the verifier's own reading of the digit counts against the classifier's: the digit's
   * probabilities become the classifier's times the verifier's (given one digit) raised to this,
   * renormalised. The verifier sees the ink around the piece, so where a cut leaves a neighbour's
   * stroke end on a piece, or takes a digit's, it knows better what was written; an isolated digit
   * it knows no better than the classifier (trained on all of MNIST), so there it has no say.
   */
  readonly verifierDigits: { readonly wideBlob: number; readonly narrowBlob: number };
}

/**
 * Without a piece verifier. Chosen on 4-digit synthetic numbers of seeds 6 and 11 (never the seeds
 * the figures are reported on). Figures: BENCHMARKS.md, "Reading numbers", "How the cuts and score weights were chosen".
 */
export const PRIOR_WEIGHTS: ScoreWeights = {
  digitBonus: 0.5,
  aspect: { wideBlob: 0.15, narrowBlob: 0.5 },
  cutPerPixel: { wideBlob: 0.15, narrowBlob: 0.3 },
  narrowBlobMaxCut: 1.5,
  joinBonus: 0.5,
  shortFraction: 0.75,
  shortCost: 5,
  piece: 0,
  verifierDigits: { wideBlob: 0, narrowBlob: 0 },
};

/**
 * With the piece verifier, which knows much of what the priors guess at. Chosen on 4-digit and 2-6
 * digit synthetic numbers of seeds 6 and 11. Since narrow blobs are cut wherever the cost is least
 * (segment.ts), the verifier counts twice as much and a cut through a narrow blob costs twice as
 * much as with the priors alone; the verifier's digits count only in wide blobs, where a cut may
 * leave a neighbour's stroke end on a piece. Figures (and the weights tried around these):
 * BENCHMARKS.md, "Reading numbers", "How the cuts and score weights were chosen".
 */
export const VERIFIED_WEIGHTS: ScoreWeights = {
  ...PRIOR_WEIGHTS,
  digitBonus: 1,
  piece: 1,
  cutPerPixel: { wideBlob: 0.15, narrowBlob: 0.6 },
  narrowBlobMaxCut: Infinity,
  verifierDigits: { wideBlob: 3, narrowBlob: 0 },
};

/**
 * A piece verifier (ml/numbers/pieces.ts) gives, for each piece (as `verifierInput` lays it out: the piece
 * and the ink around it), PIECE_CLASSES probabilities: [not
 * exactly one digit, digit 0, ..., digit 9]; a piece's verdict is 1 - the first. It knows what the
 * digit classifier cannot: that a confident "4" is really "14" pressed together, or that a "1" is
 * the left half of a 0. Optional: without it the priors decide alone.
 */
export type VerifyBatch = ClassifyBatch;

/** The piece verifier's outputs: class NOT_ONE_DIGIT, then class 1 + d for the digit d. */
export const PIECE_CLASSES = NUM_CLASSES + 1;
export const NOT_ONE_DIGIT = 0;

/** The piece verifier's input per pixel: the piece's ink, then the other ink around it. */
export const PIECE_CHANNELS = 2;

/** A candidate as the piece verifier takes it: 28x28xPIECE_CHANNELS, channels interleaved. */
export function verifierInput(pixels: Float32Array, context: Float32Array): Float32Array {
  const out = new Float32Array(pixels.length * PIECE_CHANNELS);
  for (let i = 0; i < pixels.length; i++) {
    out[i * PIECE_CHANNELS] = pixels[i] ?? 0;
    out[i * PIECE_CHANNELS + 1] = context[i] ?? 0;
  }
  return out;
}

export async function readNumber(image: InkImage, classify: ClassifyBatch, verify?: VerifyBatch): Promise<NumberReading> {
  const proposal = proposeSegments(image);
  const read = proposal.candidates.flatMap((c) => (c.pixels && c.context ? [{ pixels: c.pixels, context: c.context }] : []));
  const inputs = read.map((c) => c.pixels);
  const [outputs, verdicts] = await Promise.all([
    inputs.length > 0 ? classify(inputs) : [],
    inputs.length > 0 && verify ? verify(read.map((c) => verifierInput(c.pixels, c.context))) : undefined,
  ]);
  if (outputs.length !== inputs.length) {
    throw new Error(`classifier returned ${outputs.length} results for ${inputs.length} inputs`);
  }
  if (verdicts && verdicts.length !== inputs.length) {
    throw new Error(`piece verifier returned ${verdicts.length} results for ${inputs.length} inputs`);
  }
  return chooseSegmentation(proposal, outputs, verdicts);
}

/**
 * `probabilities` (and `verdicts`, the piece verifier's outputs, when given) hold one entry per
 * candidate with pixels, in candidate order.
 */
export function chooseSegmentation(
  proposal: Proposal,
  probabilities: readonly Float32Array[],
  verdicts?: readonly Float32Array[],
  weights: ScoreWeights = verdicts ? VERIFIED_WEIGHTS : PRIOR_WEIGHTS,
): NumberReading {
  const scored: { candidate: Candidate; score: number; read: ReadDigit | null }[] = [];
  let next = 0;
  for (const candidate of proposal.candidates) {
    if (!candidate.pixels) {
      scored.push({ candidate, score: (-weights.cutPerPixel[candidate.fromWideBlob ? 'wideBlob' : 'narrowBlob'] * candidate.cutInk) / 2 - overCut(candidate, weights), read: null });
      continue;
    }
    const verdict = verdicts?.[next];
    const outputs = probabilities[next++];
    if (outputs?.length !== NUM_CLASSES && outputs?.length !== OUTPUTS_WITH_REJECTION) throw new Error(`expected ${NUM_CLASSES} or ${OUTPUTS_WITH_REJECTION} probabilities per input`);
    // A model's "not a digit" share stays out of the digits' probabilities, so a piece it doubts is
    // read with less confidence and shown unsure, as free draw shows it (common/reading.ts).
    const probs = outputs.subarray(0, NUM_CLASSES);
    if (verdicts && verdict?.length !== PIECE_CLASSES) throw new Error(`expected ${PIECE_CLASSES} piece-verifier probabilities per input`);
    const weight = weights.verifierDigits[candidate.fromWideBlob ? 'wideBlob' : 'narrowBlob'];
    const read = digitOf(candidate, candidate.pixels, verdict && weight > 0 ? withVerifierDigits(probs, verdict, weight) : probs);
    const oneDigit = verdict ? weights.piece * Math.log(Math.max(1 - (verdict[NOT_ONE_DIGIT] ?? 1), 1e-6)) : 0;
    scored.push({ candidate, score: scoreCandidate(candidate, read.digit, read.confidence, weights) + oneDigit, read });
  }
  // Best path through the nodes, left to right: nodes are numbered in reading order.
  const best = new Float64Array(proposal.nodeCount).fill(-Infinity);
  const via: (typeof scored)[number][] = [];
  best[0] = 0;
  const byEnd = [...scored].sort((a, b) => a.candidate.to - b.candidate.to);
  for (const entry of byEnd) {
    const total = (best[entry.candidate.from] ?? -Infinity) + entry.score;
    if (total > (best[entry.candidate.to] ?? -Infinity)) {
      best[entry.candidate.to] = total;
      via[entry.candidate.to] = entry;
    }
  }
  const digits: ReadDigit[] = [];
  for (let node = proposal.nodeCount - 1; node > 0; ) {
    const entry = via[node];
    if (!entry) throw new Error(`segmentation graph has no path to node ${node}`);
    if (entry.read) digits.push(entry.read);
    node = entry.candidate.from;
  }
  digits.reverse();
  return { digits, text: digits.map((d) => d.digit).join('') };
}

/** A candidate's share of a reading's score (log-probability units), exported for diagnostics. */
export function scoreCandidate(candidate: Candidate, digit: number, confidence: number, weights: ScoreWeights = PRIOR_WEIGHTS): number {
  const bonus = weights.digitBonus + (candidate.joined ? weights.joinBonus : 0);
  const blob = candidate.fromWideBlob ? 'wideBlob' : 'narrowBlob';
  const costs =
    weights.aspect[blob] * Math.max(0, aspectDeviation(digit, candidate.aspect)) ** 2 +
    (weights.cutPerPixel[blob] * candidate.cutInk) / 2 +
    weights.shortCost * Math.max(0, weights.shortFraction - candidate.heightFraction) +
    overCut(candidate, weights);
  return Math.log(Math.max(confidence, 1e-6)) + bonus - costs;
}

/** Infinite for a narrow blob's piece cut dearer than the weights allow (every blob can still be
 * read whole, so a path always remains), else 0. */
function overCut(candidate: Candidate, weights: ScoreWeights): number {
  return !candidate.fromWideBlob && candidate.cutInk > weights.narrowBlobMaxCut ? Infinity : 0;
}

/** See ScoreWeights.verifierDigits. */
function withVerifierDigits(probabilities: Float32Array, verdict: Float32Array, weight: number): Float32Array {
  const oneDigit = Math.max(1 - (verdict[NOT_ONE_DIGIT] ?? 1), 1e-6);
  const out = probabilities.map((p, d) => p * Math.max((verdict[1 + d] ?? 0) / oneDigit, 1e-6) ** weight);
  const sum = out.reduce((a, b) => a + b, 0);
  return sum > 0 ? out.map((p) => p / sum) : probabilities;
}

function digitOf(candidate: Candidate, pixels: Float32Array, probabilities: Float32Array): ReadDigit {
  let digit = 0;
  for (let d = 1; d < probabilities.length; d++) {
    if ((probabilities[d] ?? 0) > (probabilities[digit] ?? 0)) digit = d;
  }
  return { box: candidate.box, pixels, digit, confidence: probabilities[digit] ?? 0, probabilities };
}
