/**
 * Spreads work that comes in small parts (teaching's micro-batches) over animation frames: after
 * each part it yields a frame when one more part as long as the last would take the frame's work
 * past `budgetMs`, so the page keeps drawing at its frame rate and no frame waits on more than a
 * budget of ours (plus one part when a part suddenly takes longer than the one before).
 */
export class FramePacer {
  private readonly frames: number[] = [];
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
    const part = at - this.partStart;
    if (at - this.frameStart + part > this.budgetMs) {
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
