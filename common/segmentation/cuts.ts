/**
 * Where a blob of touching digits may be cut.
 *
 * Where two digits touch, only a stroke or two crosses from one to the other, so the boundary
 * between them is a local minimum of the ink a cut has to sever. Not every minimum is a boundary
 * (the middle of a 0 is one too); the classifier decides later, this only proposes.
 */

export interface CutOptions {
  /** no piece narrower than this (px) on either side of a cut, nor between two cuts */
  readonly minPiece: number;
  /** at most this many cuts, the ones through the least ink */
  readonly maxCuts: number;
}

/**
 * `cost[c]` is the ink severed by the best cut near boundary c (between columns c - 1 and c), for
 * c in 0..width. Returns the cuts at local minima, cheapest first up to maxCuts, then ascending;
 * each in minPiece..width - minPiece.
 */
export function candidateCuts(cost: Float32Array, options: CutOptions): number[] {
  const { minPiece, maxCuts } = options;
  const width = cost.length - 1;
  if (maxCuts <= 0 || width < 2 * minPiece) return [];
  const at = (c: number): number => cost[c] ?? Infinity;
  const first = minPiece;
  const last = width - minPiece;
  const minima: { cut: number; cost: number }[] = [];
  // A valley may be flat (a connecting stroke running level): take the middle of the flat run.
  // Neighbours outside the allowed range still count: a valley must be one in the whole profile.
  for (let start = first; start <= last; ) {
    const here = at(start);
    let end = start;
    while (end + 1 <= last && at(end + 1) === here) end++;
    const left = start > 1 ? at(start - 1) : Infinity;
    const right = end < width - 1 ? at(end + 1) : Infinity;
    if (here < left && here < right) minima.push({ cut: Math.round((start + end) / 2), cost: here });
    start = end + 1;
  }
  minima.sort((a, b) => a.cost - b.cost || a.cut - b.cut);
  const chosen: number[] = [];
  for (const { cut } of minima) {
    if (chosen.length >= maxCuts) break;
    if (chosen.every((other) => Math.abs(other - cut) >= minPiece)) chosen.push(cut);
  }
  return chosen.sort((a, b) => a - b);
}
