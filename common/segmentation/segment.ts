import { labelComponents } from './components.ts';
import { cheapestCut, severCosts, type CutPath, type SeverCosts } from './cutPaths.ts';
import { candidateCuts } from './cuts.ts';
import { inkImage, type InkImage } from '../digit.ts';
import { checkInk } from '../inkCheck.ts';
import { groupComponents, type InkGroup } from './groups.ts';
import { centreLikeMnist, resampleLike, type InkBox } from '../preprocess.ts';

/**
 * Proposes every plausible way to split the ink of a wide canvas into digits: pieces of blobs
 * between candidate cuts, whole blobs, and pairs of close blobs that may be strokes of one digit.
 * Each proposal is normalised with `centreLikeMnist`, exactly as a single digit would be.
 *
 * The proposals form a graph: nodes are positions from left to right, each candidate spans two
 * nodes, and a reading is a path from the first node to the last. `chooseSegmentation` picks the
 * path the classifier is most confident about (see readNumber.ts); this file only proposes.
 */

/** Ink at or above this joins a component; fainter ink only follows its neighbours. */
export const INK_THRESHOLD = 0.25;
/** A blob narrower than this (times the digit height) is one digit, never cut. */
const MIN_SPLIT_ASPECT = 0.4;
/** No cut leaves a piece narrower than this fraction of the digit height (or 2 px). */
const MIN_PIECE_FRACTION = 0.12;
/** Pieces wider than this (times the digit height) are not proposed, unless a whole blob or a piece
 * between adjacent cuts, which every reading needs. */
const MAX_PROPOSED_ASPECT = 1.6;
/**
 * A cut may drift this far (fraction of the digit height) either side of its column. Both are
 * searched: a narrow band keeps neighbouring cuts distinct (in a wide band they all slide into the
 * same gap inside one digit), a wide one follows the slanted gap between two leaning 1s.
 */
const CUT_BAND_FRACTIONS = [0.1, 0.3] as const;
/**
 * In a blob too wide for one digit, cuts drifting at most this many columns are sought as well. Two
 * digits leaning on each other make one thick stroke with a faint seam down its middle; only a
 * nearly straight cut follows the seam, where any wider band slides off it to sever a loop's top
 * and bottom instead. Figures: BENCHMARKS.md, "Reading numbers", "How the cuts and score weights were chosen".
 */
const STRAIGHT_CUT_BAND = 1;
/**
 * A blob narrower than this (times the digit height) may well be one digit: isolated digits are often
 * nearly as wide as tall. Its cuts are sought in wide bands only and cost more (see readNumber.ts),
 * and it gets no even-width cuts. It is still cut wherever the cost is least: two digits written
 * pressed together (a "41" is often no wider than tall) are held by more than a thin contact, and
 * refusing such cuts read 2-digit touching numbers as one digit. Figures: BENCHMARKS.md, "Reading numbers".
 */
const NARROW_BLOB_ASPECT = 1.25;
/**
 * Where digits overlap, the boundary between them is often no valley of the cut cost (strokes of
 * both run through the same columns). So a blob too wide for one digit is also cut where k digits of
 * equal width would meet, for k = 2 up to one more than its width holds digits EVEN_CUT_DIGIT_WIDTH
 * (times the digit height) wide; each such cut drifts at most EVEN_CUT_BAND (fraction of the digit
 * height) from its column. Figures: BENCHMARKS.md, "Reading numbers", "How the cuts and score weights were chosen".
 */
const EVEN_CUT_DIGIT_WIDTH = 0.7;
const EVEN_CUT_BAND = 0.1;
/** Candidate cuts per digit the blob's width may hold (one at the boundary, one spare). */
const CUTS_PER_DIGIT = 2;
/** Blobs this close (fraction of the digit height) may be two strokes of one digit. */
const MAX_JOIN_GAP = 0.15;
/** ... when together they are no wider than this (times the digit height), */
const MAX_JOIN_ASPECT = 1.1;
/** ... and one of them is no taller than this fraction of the digit height: a fragment (the first
 * stroke of a 4, a detached bar), not a whole digit like the "1" in "01". */
const MAX_FRAGMENT_HEIGHT = 0.8;

export interface Candidate {
  /** node where the piece starts and ends (from < to) */
  readonly from: number;
  readonly to: number;
  /** 28x28 as the model sees it; null when the piece holds too little ink to be a digit (none, or
   * too little by common/inkCheck.ts) */
  readonly pixels: Float32Array | null;
  /**
   * The canvas's other ink around the piece, drawn in the same 28x28 frame as `pixels` (null with
   * them). Alone, the right half of a 0 is a fine 1; beside the other half it is not, and only
   * this shows where a cut severed strokes that run on.
   */
  readonly context: Float32Array | null;
  /** where `pixels` was drawn from: `resampleLike(canvas, frame, frame.shiftX)` draws any canvas-sized
   * image in the piece's frame (null with `pixels`) */
  readonly frame: PieceFrame | null;
  /** bounding box of the piece's ink in canvas coordinates (inclusive) */
  readonly box: InkBox;
  /** width / height of the piece's ink, height floored at a fraction of the canvas's digit height */
  readonly aspect: number;
  /** height of the piece's ink over the tallest blob's: a stroke, not a digit, when well below 1 */
  readonly heightFraction: number;
  /** two blobs read as one digit */
  readonly joined: boolean;
  /** ink severed by the cuts at either end, in pixels of full ink (0 at a blob's edge) */
  readonly cutInk: number;
  /** the piece comes from a blob too wide for one digit (see NARROW_BLOB_ASPECT): cutting it is
   * expected, where cutting a narrower blob more likely breaks a digit */
  readonly fromWideBlob: boolean;
}

export interface PieceFrame {
  readonly scale: number;
  readonly offsetX: number;
  readonly offsetY: number;
  /** the canvas column the piece's column 0 is */
  readonly shiftX: number;
}

export interface Proposal {
  readonly nodeCount: number;
  readonly candidates: readonly Candidate[];
  /** height of the tallest blob: the reference for widths */
  readonly digitHeight: number;
}

export function proposeSegments(image: InkImage): Proposal {
  const { labels, components } = labelComponents(image, INK_THRESHOLD);
  const groups = groupComponents(components);
  const digitHeight = Math.max(0, ...groups.map((g) => g.y1 - g.y0 + 1));
  const candidates: Candidate[] = [];
  let node = 0;
  const starts: number[] = [];
  for (const [k, group] of groups.entries()) {
    starts.push(node);
    const blob = blobOf(image, labels, group.ids, group.x0, group.x1 + 1);
    // A blob too little for a digit (common/inkCheck.ts), a lone speck or a stray dash, with no
    // blob beside it to be a stroke of, is read as no digit, as free draw reads it.
    const before = groups[k - 1];
    const after = groups[k + 1];
    const lone = !(before && joinable(before, group, digitHeight)) && !(after && joinable(group, after, digitHeight));
    const unreadable = lone && checkInk(blob) === 'too-little';
    const bounds = boundariesOf(blob, digitHeight);
    for (let i = 0; i < bounds.length - 1; i++) {
      for (let j = i + 1; j < bounds.length; j++) {
        const left = bounds[i];
        const right = bounds[j];
        if (!left || !right) continue;
        const essential = j === i + 1 || (i === 0 && j === bounds.length - 1);
        if (!essential && right.nominal - left.nominal > MAX_PROPOSED_ASPECT * digitHeight) continue;
        const piece = between(blob, left, right);
        candidates.push(candidate(piece, image, group.x0, node + i, node + j, digitHeight, false, left.cost + right.cost, blob.width >= NARROW_BLOB_ASPECT * digitHeight, unreadable));
      }
    }
    node += bounds.length - 1;
  }
  starts.push(node);
  for (let k = 0; k + 1 < groups.length; k++) {
    const a = groups[k];
    const b = groups[k + 1];
    if (!a || !b || !joinable(a, b, digitHeight)) continue;
    const both = blobOf(image, labels, [...a.ids, ...b.ids], a.x0, b.x1 + 1);
    candidates.push(candidate(both, image, a.x0, starts[k] ?? 0, starts[k + 2] ?? 0, digitHeight, true, 0, false));
  }
  return { nodeCount: node + 1, candidates, digitHeight };
}

/** Neighbouring groups `a` (left) and `b` may be strokes of one digit. */
function joinable(a: InkGroup, b: InkGroup, digitHeight: number): boolean {
  const gap = b.x0 - a.x1 - 1;
  if (gap > MAX_JOIN_GAP * digitHeight || b.x1 - a.x0 + 1 > MAX_JOIN_ASPECT * digitHeight) return false;
  return Math.min(a.y1 - a.y0, b.y1 - b.y0) + 1 <= MAX_FRAGMENT_HEIGHT * digitHeight;
}

/** A path across the blob (see cutPaths.ts); the blob's own edges are straight and cost nothing. */
interface Boundary extends CutPath {
  /** the column the path was sought near, in blob coordinates */
  readonly nominal: number;
}

/** The blob's ink alone, cut out of the canvas: columns [start, end), all rows. */
function blobOf(image: InkImage, labels: Int32Array, ids: readonly number[], start: number, end: number): InkImage {
  const { width, height, pixels } = image;
  const wanted = new Set(ids);
  const blobWidth = end - start;
  const out = new Float32Array(blobWidth * height);
  for (let y = 0; y < height; y++) {
    for (let x = start; x < end; x++) {
      const index = y * width + x;
      if (wanted.has(labels[index] ?? 0)) out[y * blobWidth + (x - start)] = pixels[index] ?? 0;
    }
  }
  return inkImage(blobWidth, height, out);
}

function boundariesOf(blob: InkImage, digitHeight: number): Boundary[] {
  const { width, height } = blob;
  const edge = (x: number): Boundary => ({ nominal: x, xs: new Int32Array(height).fill(x), cost: 0 });
  if (width < MIN_SPLIT_ASPECT * digitHeight) return [edge(0), edge(width)];
  const minPiece = Math.max(2, Math.round(MIN_PIECE_FRACTION * digitHeight));
  const maxCuts = CUTS_PER_DIGIT * Math.max(1, Math.ceil(width / (0.5 * digitHeight)));
  const byNominal = new Map<number, Boundary>();
  const costs = severCosts(blob);
  const narrow = width < NARROW_BLOB_ASPECT * digitHeight;
  const bands = CUT_BAND_FRACTIONS.map((fraction) => Math.max(1, Math.round(fraction * digitHeight)));
  for (const band of narrow ? bands : [STRAIGHT_CUT_BAND, ...bands]) {
    for (const cut of cutsWithin(costs, band, minPiece, maxCuts)) {
      const known = byNominal.get(cut.nominal);
      if (!known || cut.cost < known.cost) byNominal.set(cut.nominal, cut);
    }
  }
  if (!narrow) {
    const band = Math.max(1, Math.round(EVEN_CUT_BAND * digitHeight));
    const most = Math.round(width / (EVEN_CUT_DIGIT_WIDTH * digitHeight)) + 1;
    for (let k = 2; k <= most; k++) {
      for (let j = 1; j < k; j++) {
        const nominal = Math.round((j * width) / k);
        if (nominal < minPiece || nominal > width - minPiece) continue;
        // A valley cut close by already stands for this one.
        if ([...byNominal.keys()].some((known) => Math.abs(known - nominal) < minPiece)) continue;
        byNominal.set(nominal, { nominal, ...cheapestCut(costs, nominal, band, minPiece) });
      }
    }
  }
  const cuts = [...byNominal.values()].sort((a, b) => a.nominal - b.nominal);
  return [edge(0), ...cuts, edge(width)];
}

function cutsWithin(costs: SeverCosts, band: number, minPiece: number, maxCuts: number): Boundary[] {
  const { width } = costs;
  const paths = new Map<number, CutPath>();
  const cost = new Float32Array(width + 1).fill(Infinity);
  for (let c = minPiece; c <= width - minPiece; c++) {
    const path = cheapestCut(costs, c, band, minPiece);
    paths.set(c, path);
    cost[c] = path.cost;
  }
  return candidateCuts(cost, { minPiece, maxCuts }).flatMap((c) => {
    const path = paths.get(c);
    return path ? [{ nominal: c, ...path }] : [];
  });
}

/** The blob's pixels right of `left` and left of `right`, row by row. */
function between(blob: InkImage, left: Boundary, right: Boundary): InkImage {
  const { width, height, pixels } = blob;
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const from = Math.max(0, left.xs[y] ?? 0);
    const to = Math.min(width, right.xs[y] ?? width);
    for (let x = from; x < to; x++) out[y * width + x] = pixels[y * width + x] ?? 0;
  }
  return inkImage(width, height, out);
}

/** `piece` is in blob coordinates; `offsetX` is the blob's first column in `canvas`. */
function candidate(piece: InkImage, canvas: InkImage, offsetX: number, from: number, to: number, digitHeight: number, joined: boolean, cutInk: number, fromWideBlob: boolean, unreadable = false): Candidate {
  const { width, height, pixels } = piece;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  let anyFirst = width;
  let anyLast = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = pixels[y * width + x] ?? 0;
      if (v > 0) {
        if (x < anyFirst) anyFirst = x;
        if (x > anyLast) anyLast = x;
      }
      if (v < INK_THRESHOLD) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  const box: InkBox = { x0: x0 + offsetX, y0, x1: x1 + offsetX, y1 };
  if (x1 < 0 || unreadable) return { from, to, pixels: null, context: null, frame: null, box, aspect: 0, heightFraction: 0, joined, cutInk, fromWideBlob };
  // Normalisation depends only on where ink lies relative to other ink: the piece's own columns
  // suffice, and keep resampling cheap when the blob is wide.
  const prepared = centreLikeMnist(columnsOf(piece, anyFirst, anyLast + 1));
  const inkHeight = Math.max(y1 - y0 + 1, 0.6 * digitHeight);
  const frame = prepared.blank ? null : { scale: prepared.scale, offsetX: prepared.offsetX, offsetY: prepared.offsetY, shiftX: offsetX + anyFirst };
  return {
    from,
    to,
    pixels: prepared.blank ? null : prepared.pixels,
    context: prepared.blank || !frame ? null : otherInk(resampleLike(canvas, frame, frame.shiftX), prepared.pixels),
    frame,
    box,
    aspect: (x1 - x0 + 1) / inkHeight,
    heightFraction: (y1 - y0 + 1) / digitHeight,
    joined,
    cutInk,
    fromWideBlob,
  };
}

/** The canvas drawn in the piece's frame, less the piece: the piece's pixels are the canvas's own
 * (cuts only select them), so what remains is exactly the ink that is not the piece. */
function otherInk(canvas: Float32Array, piece: Float32Array): Float32Array {
  const out = new Float32Array(canvas.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.max(0, (canvas[i] ?? 0) - (piece[i] ?? 0));
  return out;
}

function columnsOf(image: InkImage, start: number, end: number): InkImage {
  const { width, height, pixels } = image;
  const out = new Float32Array((end - start) * height);
  for (let y = 0; y < height; y++) out.set(pixels.subarray(y * width + start, y * width + end), y * (end - start));
  return inkImage(end - start, height, out);
}
