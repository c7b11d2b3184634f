import type { Rect } from '../layout/rect.ts';
import type { SoundReport } from './audio.ts';
import type { NumberReport } from '../state/numberReport.ts';
import type { Prediction } from '../state/prediction.ts';

/** What mode() reports: `{kind: 'free'}` for free drawing; other modes add their own fields. */
export interface ModeSnapshot {
  readonly kind: string;
  readonly [field: string]: unknown;
}

export interface InsideSnapshot {
  readonly gridVersion: number;
  readonly guess: number | null;
  readonly explained: number | null;
  readonly probabilities: readonly number[];
  /** indices of the grid cells the heat map colours */
  readonly heatCells: readonly number[];
}

export interface InsideRegions {
  readonly grid: Rect;
  /** the first layer's first tile, null when that layer is not on the page shown */
  readonly firstTile: Rect | null;
  /** the tiles of the page of maps shown */
  readonly tiles: readonly Rect[];
  /** one column per digit, 0..9 */
  readonly bars: readonly Rect[];
  /** the Card button */
  readonly card: Rect;
  /** the next page button (zero-size with one page) */
  readonly next: Rect;
  /** the model's names of the layers shown as tiles */
  readonly layers: readonly string[];
  /** what the screen calls the layers it shows (maps, hidden dense, outputs), e.g. "Pooling 2 · 2x2 → 48 maps 7x7" */
  readonly titles: readonly string[];
  readonly outputTitle: string;
  /** the caption over the page of maps */
  readonly pageTitle: string;
  readonly page: number;
  readonly pages: number;
  /** the smallest text, px, on the model card and on the map detail (Infinity while it shows no text) */
  readonly textPx: { readonly card: number; readonly detail: number };
}

/** The Inside mode's map detail: one pixel of one map, how it was computed and where it looks. */
export interface InsideProbe {
  readonly layer: string;
  readonly title: string;
  readonly index: number;
  readonly row: number;
  readonly col: number;
  readonly story: readonly string[];
  /** the filter shown (its size and slices, one per map it reads), null for a layer without one */
  readonly filter: { readonly height: number; readonly width: number; readonly slices: number } | null;
  /** the receptive field outlined on the grid, in grid cells, null while the grid is blank */
  readonly field: { readonly x: number; readonly y: number; readonly width: number; readonly height: number } | null;
}

/** The Compare mode: one card per model, in the order shown. */
export interface CompareReport {
  /** the line over the cards: whether the models agree */
  readonly verdict: string;
  readonly columns: readonly {
    /** the model's name ("seed", "default + your 37 digits") */
    readonly name: string;
    readonly kind: 'listed' | 'personal' | 'trained';
    readonly status: 'loading' | 'ready' | 'failed';
    /** why it could not be loaded, null unless failed */
    readonly problem: string | null;
    /** "7", "not a digit", or null while it has no answer (loading, failed, blank) */
    readonly answer: string | null;
    readonly digit: number | null;
    /** the ten digits' probabilities shown */
    readonly probabilities: readonly number[];
    /** the text under its digit */
    readonly caption: string;
    /** it has the "not a digit" output */
    readonly canRefuse: boolean;
    /** its card, client CSS pixels */
    readonly rect: Rect;
  }[];
}

export interface PageStats {
  /** ms from navigation start until the first prediction was possible, null until then */
  readonly readyMs: number | null;
  /** what reads the playing model: "wasm-simd" for the game's kernel, else the tfjs backend; null until the model has loaded */
  readonly backend: string | null;
  /** the Pixi renderer drawing the page: 'webgl', 'webgpu' or 'canvas' */
  readonly renderer: string;
  /** the canvas's device pixels per CSS pixel (the renderer's resolution) */
  readonly resolution: number;
  /** normalisation + model per prediction, most recent last */
  readonly latenciesMs: readonly number[];
  /** reading the Number mode's grid (segmentation + models) per reading shown, most recent last */
  readonly numberReadMs: readonly number[];
  /** our work per animation frame (input, classification, update, render), most recent last */
  readonly frameWorkMs: readonly number[];
  /** frames measured since the page started: frameWorkMs keeps only the last few hundred */
  readonly framesMeasured: number;
  /** tfjs live tensors: constant while playing, or something leaks */
  readonly numTensors: number;
  /** the Number mode's piece verifier is loaded and in use */
  readonly pieceVerifier: boolean;
}

/** The player's saved digits and personal model, as My digits shows them. */
export interface PersonalReport {
  /** saved digits in all */
  readonly examples: number;
  /** saved digits per label 0..9 */
  readonly perDigit: readonly number[];
  /** the personal model's name while it plays ("default + your 37 digits"), else null */
  readonly personalModel: string | null;
  /** its held-out accuracy before/after teaching, null while the base model plays */
  readonly heldOut: { readonly n: number; readonly before: number; readonly after: number } | null;
  readonly teaching: boolean;
}

export interface TeachReport {
  /** what the player was told */
  readonly message: string;
  /** pressing Teach to the personal model playing (replay download included), ms; null when refused */
  readonly ms: number | null;
  /** teaching's main-thread work in each animation frame it ran in, ms, in order */
  readonly frameMs: readonly number[];
}

/** The Train mode's training as the room shows it (game/modes/train/). */
export interface TrainReport {
  /** 'closed', 'loading', 'failed', 'training' or 'paused' */
  readonly phase: string;
  /** why training is not available, or what went wrong, '' when nothing did */
  readonly problem: string;
  /** the room's message line (a failure, or what Keep did) */
  readonly message: string;
  readonly backend: string | null;
  readonly speed: string;
  readonly steps: number;
  /** training time, s, pauses excluded */
  readonly seconds: number;
  readonly examples: number;
  readonly loss: readonly { readonly seconds: number; readonly value: number }[];
  /** accuracy 0..1 on the held-out MNIST test digits */
  readonly accuracy: readonly { readonly seconds: number; readonly value: number }[];
  /** the first convolution's filters as last shown, null before the first report */
  readonly filters: readonly number[] | null;
  /** how many reports changed the filters */
  readonly filterChanges: number;
  /** the worker's live tfjs tensors at its last report */
  readonly workerTensors: number;
  /** the worker's last report says it has stopped (after a pause, once its slice of steps ended) */
  readonly workerPaused: boolean;
  /** the shared grid's version now: a guess with this gridVersion is about the drawing on screen */
  readonly gridVersion: number;
  /** its guess on the drawing, for the grid version `gridVersion` */
  readonly guess: { readonly digit: number; readonly confidence: number; readonly gridVersion: number } | null;
  /** the room's buttons (pause, restart, speed, keep, menu) and the filter tiles, client CSS pixels */
  readonly buttons: Readonly<Record<string, Rect>>;
  readonly filterTiles: readonly Rect[];
}

/**
 * window.handwrittenDigits: a read-only view of the page for tests and automation. Drawing still
 * goes through real pointer events on the canvas; only saveExample and teach change the game, for
 * the teaching benchmark (which needs many examples quickly).
 */
export interface HandwrittenDigitsApi {
  /** the drawable grid's bounding box in client CSS pixels (the wide grid in the Number mode) */
  gridRect(): Rect;
  /** how that grid is folded into lines on screen (the Number mode on a phone: 2 lines, `gap` CSS px apart); 1 line when it is not */
  gridFold(): { readonly lines: number; readonly gap: number };
  /** the grid being drawn on (free draw's, the challenge's or the Number mode's): width x height
   * cells, row-major, ink 0..1 */
  gridCells(): { readonly width: number; readonly height: number; readonly cells: readonly number[] };
  /** free draw's big digit (its glyphs' box) and model-input preview in client CSS pixels */
  predictionRegions(): { readonly digit: Rect; readonly preview: Rect };
  /** free draw's bar for `digit` (click it: "I meant this digit") in client CSS pixels */
  barRect(digit: number): Rect;
  /** free draw's hint on its prediction card for saying which digit was meant, as shown (it follows the pointer: tap or press/click) */
  meantHint(): string;
  /** what the page shows now */
  prediction(): Prediction;
  /** the model playing, null while loading */
  modelName(): string | null;
  mode(): ModeSnapshot;
  /** the Number mode's reading of its wide grid (boxes in grid cells), text '' while it is blank */
  number(): NumberReport;
  /** resolves with number() once it is for the wide grid as it is now */
  settledNumber(): Promise<NumberReport>;
  /** resolves when the model is loaded and a prediction is possible, and the piece verifier has
   * loaded (or failed to): from then on no model adds tensors */
  ready(): Promise<void>;
  /** resolves with the prediction once the one shown is for the current drawing */
  settled(): Promise<Prediction>;
  /** the Inside mode's reading: grid version, guess, the digit explained, outputs, the cells the heat map colours */
  inside(): InsideSnapshot;
  /** resolves with inside() once it is for the grid as it is and the digit chosen */
  settledInside(): Promise<InsideSnapshot>;
  /** where the Inside screen shows things, in client CSS pixels, and its layers */
  insideRegions(): InsideRegions;
  /** the model card's lines while it is open, else null */
  insideCard(): readonly string[] | null;
  /** the map shown enlarged with "how was this computed" (its layer's name, the map's index, the pixel), null when none is */
  insideEnlarged(): InsideProbe | null;
  /** the Compare mode's cards as shown now */
  compare(): CompareReport;
  /** resolves with compare() once every model has loaded or failed and every card reads the grid as it is */
  settledCompare(): Promise<CompareReport>;
  /** the warning line on screen, '' when there is none */
  message(): string;
  /** the model label on screen */
  modelLabel(): string;
  stats(): PageStats;
  /** the drawing tools' buttons on the screen shown (free draw, a challenge, the Number mode) in
   * client CSS pixels; null on screens without them */
  toolRegions(): Readonly<Record<'undo' | 'redo' | 'eraser' | 'sound', Rect>> | null;
  /** the eraser toggle's state: 'pen' or 'eraser' */
  tool(): string;
  sound(): SoundReport;
  /** the menu's buttons in client CSS pixels, top to bottom */
  menuButtons(): readonly { readonly text: string; readonly rect: Rect }[];
  personal(): PersonalReport;
  /** resolves once the saved digits are read (or storage failed) */
  personalReady(): Promise<void>;
  /** saves a 28x28 drawing (row-major cells 0..1) as `label`, as correcting it in free draw would;
   * resolves with what the player would be told */
  saveExample(cells: readonly number[], label: number): Promise<string>;
  /** teaches as the Teach button does */
  teach(): Promise<TeachReport>;
  /** the Train mode's training */
  train(): TrainReport;
}

declare global {
  interface Window {
    readonly handwrittenDigits?: HandwrittenDigitsApi;
  }
}

export function exposeApi(target: Window, api: HandwrittenDigitsApi): void {
  Object.defineProperty(target, 'handwrittenDigits', {
    value: Object.freeze({ ...api }),
    writable: false,
    configurable: false,
    enumerable: true,
  });
}
