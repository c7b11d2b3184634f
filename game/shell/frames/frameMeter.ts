/**
 * Milliseconds of our own work per animation frame: input handling, classification and rendering,
 * measured separately from the browser's idle time between frames. Keeps the last `capacity`
 * frames for the benchmark.
 */
export class FrameMeter {
  private readonly frames: number[] = [];
  private pending = 0;
  private ended = 0;

  constructor(private readonly capacity = 600) {}

  /** Work done between frames (event handlers, async classification). */
  add(ms: number): void {
    this.pending += ms;
  }

  /** Closes a frame whose own update and render took `ms`. */
  endFrame(ms: number): void {
    this.frames.push(this.pending + ms);
    this.pending = 0;
    this.ended++;
    if (this.frames.length > this.capacity) this.frames.shift();
  }

  /** Frames closed since the page started, kept or not: a benchmark longer than `capacity` frames
   * reads recent() often and takes the last (total - its previous total) values. */
  total(): number {
    return this.ended;
  }

  recent(): readonly number[] {
    return [...this.frames];
  }

  reset(): void {
    this.frames.length = 0;
    this.pending = 0;
  }
}

/** Runs `work`, adding its duration to `meter`. */
export function timed<T>(meter: FrameMeter, now: () => number, work: () => T): T {
  const start = now();
  try {
    return work();
  } finally {
    meter.add(now() - start);
  }
}
