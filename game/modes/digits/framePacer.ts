/**
 * Spreads work that comes in small parts (teaching's micro-batches) over animation frames: after
 * each part it yields a frame when one more part as long as the longest of the last few would
 * take the frame's work past `budgetMs`, so the page keeps drawing at its frame rate and no frame
 * waits on more than a budget of ours (plus one part when a part takes longer than those before
 * it). The last few, not the last alone: teaching's kinds of part alternate (a short step, then
 * a longer read), and one short part must not let a long one in.
 */
/** How many of the last parts predict the next one. */
const RECENT_PARTS = 4;

export class FramePacer {
  private readonly frames: number[] = [];
  /** the last parts' times, newest last */
  private readonly recent: number[] = [];
  private frameStart: number;
  private partStart: number;

  constructor(
    private readonly now: () => number,
    private readonly budgetMs: number,
    private readonly nextFrame: () => Promise<void>,
  ) {
    this.frameStart = this.partStart = now();
  }

  /** Called after each part; resolves when the next part may start. */
  async partDone(): Promise<void> {
    const at = this.now();
    this.recent.push(at - this.partStart);
    if (this.recent.length > RECENT_PARTS) this.recent.shift();
    if (at - this.frameStart + Math.max(...this.recent) > this.budgetMs) {
      this.frames.push(at - this.frameStart);
      await this.nextFrame();
      this.frameStart = this.now();
    }
    this.partStart = this.now();
  }

  /** Closes the last frame (the work after the last part) and returns each frame's work, ms, in order. */
  finish(): readonly number[] {
    this.frames.push(this.now() - this.frameStart);
    return [...this.frames];
  }
}
