import { labelComponents } from './components.ts';
import { candidateCuts } from './cuts.ts';
import { inkImage, type InkImage } from './digit.ts';
import { groupComponents, type InkGroup } from './groups.ts';
import { centreLikeMnist, type InkBox } from './preprocess.ts';

/**
 * Proposes every plausible way to split the ink of a wide canvas into digits: pieces of blobs
 * between candidate cuts, whole blobs, and pairs of close blobs that may be strokes of one digit.
 * Each proposal is normalised with `centreLikeMnist`, exactly as a single digit would be.
 *
 * The proposals form a graph: nodes are positions from left to right, each candidate spans two
 * nodes, and a reading is a path from the first node to the last. `chooseSegmentation` picks the
 * path the classifier is most confident about (see scoring.ts); this file only proposes.
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
/** Candidate cuts per digit the blob's width may hold (one at the boundary, one spare). */
const CUTS_PER_DIGIT = 2;
/** Blobs this close (fraction of the digit height) may be two strokes of one digit. */
const MAX_JOIN_GAP = 0.15;
/** ... when together they are no wider than this (times the digit height). */
const MAX_JOIN_ASPECT = 1.1;

export interface Candidate {
  /** node where the piece starts and ends (from < to) */
  readonly from: number;
  readonly to: number;
  /** 28x28 as the model sees it; null when the piece holds too little ink to be a digit */
  readonly pixels: Float32Array | null;
  /** bounding box of the piece's ink in canvas coordinates (inclusive) */
  readonly box: InkBox;
  /** width / height of the piece's ink, height floored at a fraction of the canvas's digit height */
  readonly aspect: number;
  /** two blobs read as one digit */
  readonly joined: boolean;
  /** ink the cut at each end passes through, in pixels (0 at a blob's edge) */
  readonly cutInk: number;
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
  for (const group of groups) {
    starts.push(node);
    const pieces = piecesOf(image, labels, group, digitHeight);
    const nodes = [group.x0, ...pieces.cuts, group.x1 + 1];
    for (let i = 0; i < nodes.length - 1; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const start = nodes[i] ?? 0;
        const end = nodes[j] ?? 0;
        const essential = j === i + 1 || (i === 0 && j === nodes.length - 1);
        if (!essential && end - start > MAX_PROPOSED_ASPECT * digitHeight) continue;
        const cutInk = (i > 0 ? pieces.inkAt(start) : 0) + (j < nodes.length - 1 ? pieces.inkAt(end) : 0);
        candidates.push(candidate(image, labels, new Set(group.ids), start, end, node + i, node + j, digitHeight, false, cutInk));
      }
    }
    node += nodes.length - 1;
  }
  starts.push(node);
  for (let k = 0; k + 1 < groups.length; k++) {
    const a = groups[k];
    const b = groups[k + 1];
    if (!a || !b) continue;
    const gap = b.x0 - a.x1 - 1;
    if (gap > MAX_JOIN_GAP * digitHeight || b.x1 - a.x0 + 1 > MAX_JOIN_ASPECT * digitHeight) continue;
    const ids = new Set([...a.ids, ...b.ids]);
    candidates.push(candidate(image, labels, ids, a.x0, b.x1 + 1, starts[k] ?? 0, starts[k + 2] ?? 0, digitHeight, true, 0));
  }
  return { nodeCount: node + 1, candidates, digitHeight };
}

interface Pieces {
  /** cut positions in canvas columns, ascending, strictly inside the group */
  readonly cuts: readonly number[];
  /** ink (px at threshold) in the two columns either side of a cut */
  inkAt(cut: number): number;
}

function piecesOf(image: InkImage, labels: Int32Array, group: InkGroup, digitHeight: number): Pieces {
  const width = group.x1 - group.x0 + 1;
  const profile = new Float32Array(width);
  const ids = new Set(group.ids);
  for (let y = group.y0; y <= group.y1; y++) {
    for (let x = group.x0; x <= group.x1; x++) {
      const index = y * image.width + x;
      if (ids.has(labels[index] ?? 0) && (image.pixels[index] ?? 0) >= INK_THRESHOLD) {
        profile[x - group.x0] = (profile[x - group.x0] ?? 0) + 1;
      }
    }
  }
  const inkAt = (cut: number): number => (profile[cut - group.x0 - 1] ?? 0) + (profile[cut - group.x0] ?? 0);
  if (width < MIN_SPLIT_ASPECT * digitHeight) return { cuts: [], inkAt };
  const minPiece = Math.max(2, Math.round(MIN_PIECE_FRACTION * digitHeight));
  const maxCuts = CUTS_PER_DIGIT * Math.max(1, Math.ceil(width / (0.5 * digitHeight)));
  const cuts = candidateCuts(profile, { minPiece, maxCuts }).map((c) => c + group.x0);
  return { cuts, inkAt };
}

function candidate(
  image: InkImage,
  labels: Int32Array,
  ids: ReadonlySet<number>,
  start: number,
  end: number,
  from: number,
  to: number,
  digitHeight: number,
  joined: boolean,
  cutInk: number,
): Candidate {
  const { width, height, pixels } = image;
  const cropWidth = end - start;
  const crop = new Float32Array(cropWidth * height);
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = start; x < end; x++) {
      const index = y * width + x;
      if (!ids.has(labels[index] ?? 0)) continue;
      crop[y * cropWidth + (x - start)] = pixels[index] ?? 0;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  const box: InkBox = { x0, y0, x1, y1 };
  if (x1 < 0) return { from, to, pixels: null, box, aspect: 0, joined, cutInk };
  const prepared = centreLikeMnist(inkImage(cropWidth, height, crop));
  const inkHeight = Math.max(y1 - y0 + 1, 0.6 * digitHeight);
  return {
    from,
    to,
    pixels: prepared.blank ? null : prepared.pixels,
    box,
    aspect: (x1 - x0 + 1) / inkHeight,
    joined,
    cutInk,
  };
}
