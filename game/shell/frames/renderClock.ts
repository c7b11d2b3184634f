/** After input, keep rendering this long so hover and press states show even without ink. */
export const RENDER_AFTER_INPUT_MS = 250;

/**
 * Render on demand: a still screen costs nothing, which keeps phones cool and leaves the CPU to the
 * model. Anything that may change what is shown calls invalidate(); views report their own changes
 * from their tick. Screens that animate (the challenge's timers) render every frame.
 */
export class RenderClock {
  private renderUntil = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly now: () => number,
    private readonly afterInputMs = RENDER_AFTER_INPUT_MS,
  ) {}

  invalidate(): void {
    this.renderUntil = this.now() + this.afterInputMs;
  }

  /** Whether the frame starting at `start` renders: something changed, the screen animates, or input was recent. */
  due(start: number, changed: boolean, animates: boolean): boolean {
    return changed || animates || start <= this.renderUntil;
  }
}
