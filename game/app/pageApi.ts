import type { Rect } from '../layout/rect.ts';
import { exposeApi } from '../platform/api.ts';
import { tensorCount } from '../platform/classifier.ts';
import type { RendererName } from '../state/rendererChoice.ts';
import type { FreeScreenView } from '../view/screens/freeScreen.ts';
import type { InsideScreenView } from '../view/screens/insideScreen.ts';
import type { InsideLive } from './insideLive.ts';
import type { FrameMeter } from './frameMeter.ts';
import type { LiveDigit } from './liveDigit.ts';
import type { LiveNumber } from './liveNumber.ts';
import type { Messages } from './messages.ts';
import type { ModeScreens } from './modeScreens.ts';
import type { Models } from './models.ts';
import type { RecentMs } from './recentMs.ts';

export interface PageParts {
  readonly canvas: HTMLCanvasElement;
  readonly renderer: RendererName;
  readonly freeScreen: FreeScreenView;
  readonly insideScreen: InsideScreenView;
  readonly insideLive: InsideLive;
  readonly modeScreens: ModeScreens;
  readonly liveDigit: LiveDigit;
  readonly liveNumber: LiveNumber;
  readonly models: Models;
  readonly messages: Messages;
  readonly meter: FrameMeter;
  readonly latencies: RecentMs;
  readonly numberReads: RecentMs;
}

/** Canvas CSS pixels to client CSS pixels, where pointer events and screenshots live. */
export function toClient(canvas: HTMLCanvasElement, rect: Rect): Rect {
  const box = canvas.getBoundingClientRect();
  return { x: box.left + rect.x, y: box.top + rect.y, width: rect.width, height: rect.height };
}

/** The grid being drawn on, in client CSS pixels. */
export function gridRect(canvas: HTMLCanvasElement, modeScreens: ModeScreens): Rect {
  return toClient(canvas, modeScreens.gridView().getRect());
}

/** window.handwrittenDigits, read from the controllers. */
export function exposePage(target: Window, parts: PageParts): void {
  const { canvas, freeScreen, modeScreens, liveDigit, liveNumber, models } = parts;
  exposeApi(target, {
    gridRect: () => gridRect(canvas, modeScreens),
    gridCells: () => modeScreens.gridView().shownGrid(),
    predictionRegions: () => {
      const { digit, preview } = freeScreen.predictionRegions();
      return { digit: toClient(canvas, digit), preview: toClient(canvas, preview) };
    },
    prediction: () => liveDigit.current(),
    modelName: () => models.loaded?.entry.name ?? null,
    mode: () => modeScreens.report(),
    number: () => liveNumber.current(),
    settledNumber: async () => {
      await models.allReady;
      return liveNumber.settled();
    },
    ready: () => models.allReady,
    settled: async () => {
      await models.digitReady;
      return liveDigit.settled();
    },
    inside: () => parts.insideLive.current(),
    settledInside: async () => {
      await models.digitReady;
      return parts.insideLive.settled();
    },
    insideRegions: () => {
      const r = parts.insideScreen.regions();
      return { ...r, grid: toClient(canvas, r.grid), firstTile: r.firstTile === null ? null : toClient(canvas, r.firstTile), bars: r.bars.map((b) => toClient(canvas, b)), card: toClient(canvas, r.card) };
    },
    insideCard: () => parts.insideScreen.cardShown(),
    insideEnlarged: () => parts.insideScreen.enlarged(),
    message: () => parts.messages.text(),
    modelLabel: () => models.label(parts.renderer),
    stats: () => ({
      readyMs: models.readyMs,
      backend: models.backend?.name ?? null,
      renderer: parts.renderer,
      latenciesMs: parts.latencies.list(),
      numberReadMs: parts.numberReads.list(),
      frameWorkMs: parts.meter.recent(),
      numTensors: tensorCount(),
      pieceVerifier: models.verifier !== null,
    }),
  });
}
