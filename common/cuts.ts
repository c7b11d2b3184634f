/**
 * Where a blob of touching digits may be cut: vertical lines through little ink.
 *
 * Where two digits touch, only a stroke or two crosses from one to the other, so the boundary
 * between them is a local minimum of ink per column pair. Not every minimum is a boundary (the
 * middle of a 0 is one too); the classifier decides later, this only proposes.
 */

export interface CutOptions {
  /** no piece narrower than this (px) on either side of a cut, nor between two cuts */
  readonly minPiece: number;
  /** at most this many cuts, the ones through the least ink */
  readonly maxCuts: number;
}

/**
 * `profile[i]` is the ink in column i of the blob. A cut at c separates columns < c from columns
 * >= c; returned ascending, each in minPiece..profile.length - minPiece.
 */
export function candidateCuts(profile: Float32Array, options: CutOptions): number[] {
  const { minPiece, maxCuts } = options;
  const width = profile.length;
  if (maxCuts <= 0 || width < 2 * minPiece) return [];
  // Ink in the two columns either side of the cut: a stroke crossing the cut shows up in both.
  const cost = (c: number): number => (profile[c - 1] ?? 0) + (profile[c] ?? 0);
  const minima: { cut: number; cost: number }[] = [];
  const first = minPiece;
  const last = width - minPiece;
  // A valley may be flat (a connecting stroke running level): take the middle of the flat run.
  for (let start = first; start <= last; ) {
    const here = cost(start);
    let end = start;
    while (end + 1 <= last && cost(end + 1) === here) end++;
    // Neighbours outside the allowed range still count: a valley must be one in the whole profile.
    const left = start > 1 ? cost(start - 1) : Infinity;
    const right = end < width - 1 ? cost(end + 1) : Infinity;
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
