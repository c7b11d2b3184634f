import type { Rect } from './layout/rect.ts';
import { exposeApi } from './platform/api.ts';
import { tensorCount } from './platform/classifier.ts';
import type { RendererName } from './state/rendererChoice.ts';
import type { WebAudioCues } from './platform/audio.ts';
import type { FreeScreenView } from '../modes/free/view/freeScreenView.ts';
import type { NumberScreenView } from '../modes/number/view/numberScreenView.ts';
import type { DrawingEdits } from './drawingEdits.ts';
import type { InsideScreenView } from '../modes/inside/view/insideScreenView.ts';
import type { InsideLive } from '../modes/inside/insideLive.ts';
import type { FrameMeter } from './frameMeter.ts';
import type { LiveDigit } from './reading/liveDigit.ts';
import type { LiveNumber } from '../modes/number/liveNumber.ts';
import type { Messages } from './messages.ts';
import type { ModeScreens } from './screenHost.ts';
import type { Models } from './models.ts';
import type { MyDigits } from '../modes/digits/myDigits.ts';
import { drawingOf, type PersonalDigits } from './personalDigits.ts';
import type { Teaching } from '../modes/digits/teaching.ts';
import { countPerClass } from '../../common/personal/examples.ts';
import { BLANK_PREDICTION } from './state/prediction.ts';
import type { RecentMs } from './recentMs.ts';

export interface PageParts {
  readonly canvas: HTMLCanvasElement;
  readonly renderer: RendererName;
  readonly freeScreen: FreeScreenView;
  readonly numberScreen: NumberScreenView;
  readonly sound: WebAudioCues;
  readonly edits: DrawingEdits;
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
  readonly personal: PersonalDigits;
  readonly teaching: Teaching;
  readonly myDigits: MyDigits;
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
    barRect: (digit) => toClient(canvas, freeScreen.barRect(digit)),
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
    toolRegions: () => {
      const tools = modeScreens.isFree() ? freeScreen.tools : modeScreens.isNumber() ? parts.numberScreen.tools : modeScreens.challengeTools();
      if (tools === null) return null;
      const r = tools.regions();
      return { undo: toClient(canvas, r.undo), redo: toClient(canvas, r.redo), eraser: toClient(canvas, r.eraser), sound: toClient(canvas, r.sound) };
    },
    tool: () => parts.edits.tool(),
    sound: () => parts.sound.report(),
    menuButtons: () => modeScreens.menuButtons().map(({ text, rect }) => ({ text, rect: toClient(canvas, rect) })),
    personal: () => {
      const note = models.personal;
      const labels = Uint8Array.from(parts.personal.examples(), (example) => example.label);
      return {
        examples: labels.length,
        perDigit: countPerClass(labels),
        personalModel: note === null ? null : models.loaded?.entry.name ?? null,
        heldOut: note === null ? null : note.heldOut,
        teaching: parts.teaching.teaching(),
      };
    },
    personalReady: () => parts.personal.ready,
    saveExample: async (cells, label) => (await parts.personal.correct(drawingOf(Float32Array.from(cells), BLANK_PREDICTION), label)).message,
    teach: async () => {
      const { message, ms, frameMs } = await parts.myDigits.teach();
      return { message, ms, frameMs };
    },
  });
}
