import { Ticker, UPDATE_PRIORITY, type Application } from 'pixi.js';
import type { FrameMeter } from './frameMeter.ts';

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

export interface RenderOnDemandOptions {
  /** advances the views by one frame; says whether anything changed and whether the screen animates */
  frame(deltaTime: number): { readonly changed: boolean; readonly animates: boolean };
  readonly meter: FrameMeter;
  readonly now: () => number;
}

/**
 * Runs the frame loop on a ticker of its own in place of Pixi's render-every-frame (start Pixi with
 * `autoStart: false`); pointer, key and resize input invalidate.
 */
export function renderOnDemand(app: Application, target: Window, options: RenderOnDemandOptions): RenderClock {
  const clock = new RenderClock(options.now);
  const invalidate = (): void => {
    clock.invalidate();
  };
  const ticker = new Ticker();
  ticker.add(() => {
    const start = options.now();
    const { changed, animates } = options.frame(ticker.deltaTime);
    if (!clock.due(start, changed, animates)) return;
    app.render();
    options.meter.endFrame(options.now() - start);
  }, undefined, UPDATE_PRIORITY.HIGH);
  ticker.start();
  for (const type of ['pointerdown', 'pointermove', 'pointerup', 'pointerleave'] as const) {
    app.canvas.addEventListener(type, invalidate, { passive: true });
  }
  app.renderer.on('resize', invalidate);
  target.addEventListener('keydown', invalidate);
  return clock;
}
