import { NUM_CLASSES, type InkImage } from './digit.ts';
import { aspectDeviation } from './digitShapes.ts';
import type { InkBox } from './preprocess.ts';
import { proposeSegments, type Candidate, type Proposal } from './segment.ts';

/**
 * Reads a number written across a wide canvas: segment, classify every proposed piece in one batch,
 * then keep the reading whose pieces the classifier is most sure of.
 *
 * A reading's score is the sum over its digits of log(confidence) minus priors, because a classifier
 * reads almost anything as some digit, often confidently: two squeezed touching digits as one wide
 * digit, half a digit as a "1". So a piece much wider than its class is usually written costs (only
 * wider: pieces of overlapping digits come out narrower than written), each cut costs the ink it
 * severs, and a piece much shorter than the
 * number's digits costs (it is more likely a stroke than a digit). Against all that, each digit
 * read earns a small bonus: without it, two touching digits read as one confident digit win over
 * the same ink read as two equally confident digits, since every log(confidence) is negative.
 * The weights were chosen on ml/numbers.ts's synthetic numbers.
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

// Costs in log-probability units.
const DIGIT_BONUS = 0.5;
/**
 * Per squared standard deviation of excess width (see digitShapes.ts), and per pixel of full ink a
 * cut severs (each cut is shared by the pieces either side, hence / 2). Both depend on whether the
 * piece's blob is too wide for one digit. There cuts are expected and cost less, since touching and
 * overlapping digits share strokes any cut must sever, and excess width costs less, since a piece
 * cut out of overlapping digits carries ends of its neighbours' strokes that widen its box. In a
 * narrow blob a cut more likely breaks one digit into two confident 1s. Chosen on 4-digit synthetic numbers (seeds 6 and 11, 250 of each kind, with
 * the cuts of segment.ts): touching read exactly 64-65 % -> 66-68 %, separated unchanged.
 */
const ASPECT_WEIGHT = { wideBlob: 0.15, narrowBlob: 0.5 } as const;
const CUT_COST_PER_PIXEL = { wideBlob: 0.15, narrowBlob: 0.3 } as const;
/** Two blobs read as one digit forgo a digit's bonus; joins are only proposed for a stroke-sized
 * fragment right beside another blob (see segment.ts), so they get it back. */
const JOIN_BONUS = DIGIT_BONUS;
/** Digits in one number are written about equally tall; a piece much shorter than the tallest is
 * more likely a stroke of a digit (the first stroke of a 4) than a digit: cost per unit of height
 * fraction below SHORT_FRACTION. */
const SHORT_FRACTION = 0.75;
const SHORT_COST = 5;

/**
 * A piece verifier (ml/pieces.ts) gives, for each 28x28 piece, two probabilities: [not exactly one
 * digit, one digit]. It knows what the digit classifier cannot: that a confident "4" is really "14"
 * pressed together, or that a "1" is the left half of a 0. Optional: without it the priors above
 * decide alone.
 */
export type VerifyBatch = ClassifyBatch;

/** Weight of log P(one digit) in a piece's score; chosen with the other weights (see above). */
const PIECE_WEIGHT = 1;

export async function readNumber(image: InkImage, classify: ClassifyBatch, verify?: VerifyBatch): Promise<NumberReading> {
  const proposal = proposeSegments(image);
  const inputs = proposal.candidates.flatMap((c) => (c.pixels ? [c.pixels] : []));
  const [outputs, verdicts] = await Promise.all([
    inputs.length > 0 ? classify(inputs) : [],
    inputs.length > 0 && verify ? verify(inputs) : undefined,
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
export function chooseSegmentation(proposal: Proposal, probabilities: readonly Float32Array[], verdicts?: readonly Float32Array[]): NumberReading {
  const scored: { candidate: Candidate; score: number; read: ReadDigit | null }[] = [];
  let next = 0;
  for (const candidate of proposal.candidates) {
    if (!candidate.pixels) {
      scored.push({ candidate, score: (-CUT_COST_PER_PIXEL[candidate.fromWideBlob ? 'wideBlob' : 'narrowBlob'] * candidate.cutInk) / 2, read: null });
      continue;
    }
    const verdict = verdicts?.[next];
    const probs = probabilities[next++];
    if (!probs || probs.length !== NUM_CLASSES) throw new Error(`expected ${NUM_CLASSES} probabilities per input`);
    if (verdicts && verdict?.length !== 2) throw new Error('expected two piece-verifier probabilities per input');
    const read = digitOf(candidate, candidate.pixels, probs);
    const oneDigit = verdict ? PIECE_WEIGHT * Math.log(Math.max(verdict[1] ?? 0, 1e-6)) : 0;
    scored.push({ candidate, score: scoreCandidate(candidate, read.digit, read.confidence) + oneDigit, read });
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
export function scoreCandidate(candidate: Candidate, digit: number, confidence: number): number {
  const bonus = DIGIT_BONUS + (candidate.joined ? JOIN_BONUS : 0);
  const blob = candidate.fromWideBlob ? 'wideBlob' : 'narrowBlob';
  const costs =
    ASPECT_WEIGHT[blob] * Math.max(0, aspectDeviation(digit, candidate.aspect)) ** 2 +
    (CUT_COST_PER_PIXEL[blob] * candidate.cutInk) / 2 +
    SHORT_COST * Math.max(0, SHORT_FRACTION - candidate.heightFraction);
  return Math.log(Math.max(confidence, 1e-6)) + bonus - costs;
}

function digitOf(candidate: Candidate, pixels: Float32Array, probabilities: Float32Array): ReadDigit {
  let digit = 0;
  for (let d = 1; d < probabilities.length; d++) {
    if ((probabilities[d] ?? 0) > (probabilities[digit] ?? 0)) digit = d;
  }
  return { box: candidate.box, pixels, digit, confidence: probabilities[digit] ?? 0, probabilities };
}
