import { Ticker, UPDATE_PRIORITY, type Application } from 'pixi.js';
import type { FrameMeter } from './frameMeter.ts';
import type { RenderClock } from './renderClock.ts';

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
export function renderOnDemand(app: Application, target: Window, clock: RenderClock, options: RenderOnDemandOptions): void {
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
}
