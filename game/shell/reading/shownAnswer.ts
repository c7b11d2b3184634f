/** Anything computed from a grid, with the grid version it was computed for. */
export interface ForGrid {
  readonly gridVersion: number;
}

/**
 * The answer on screen for a grid that a model reads asynchronously. An answer for an older grid
 * than the one shown is stale (a Reset while the model ran) and is dropped, so the reset's own
 * blank answer stands. Free draw and the Number mode share this one guard.
 */
export class ShownAnswer<T extends ForGrid> {
  constructor(private answer: T) {}

  current(): T {
    return this.answer;
  }

  /** Shows `answer` whatever is shown now (the blank answer after a Reset). */
  replace(answer: T): void {
    this.answer = answer;
  }

  /** Shows `answer` unless it is stale; returns whether it is shown. */
  offer(answer: T): boolean {
    if (answer.gridVersion < this.answer.gridVersion) return false;
    this.answer = answer;
    return true;
  }

  /** Whether the answer shown was computed for the grid at `gridVersion`. */
  isFor(gridVersion: number): boolean {
    return this.answer.gridVersion === gridVersion;
  }
}
