import type { Application } from 'pixi.js';
import { IMAGE_SIZE } from '../../common/digit.ts';
import { DEFAULT_BRUSH } from '../../common/ink/brush.ts';
import { createGrid, type Grid } from '../../common/ink/grid.ts';
import { createRandom, type Random } from '../../common/random.ts';
import { Announcer } from './announcer.ts';
import { BestScores } from './bestScores.ts';
import { DrawingEdits, type EditableGrid } from './drawingEdits.ts';
import { FrameMeter, timed } from './frames/frameMeter.ts';
import { GameSettings } from './gameSettings.ts';
import { Messages } from './messages.ts';
import { Models } from './models.ts';
import { toClient } from './modeApi.ts';
import { PersonalDigits } from './personalDigits.ts';
import { startPixi } from './frames/pixiApp.ts';
import { WebAudioCues } from './platform/audio.ts';
import { attachPointerDrawing } from './platform/input.ts';
import { createLiveRegion } from './platform/liveRegion.ts';
import { reducedMotion } from './platform/motion.ts';
import { watchPointerKind } from './platform/pointerKind.ts';
import { browserIndexedDb } from './platform/personalStore.ts';
import { browserStore } from './platform/storage.ts';
import { BROWSER_TIMER } from './platform/timer.ts';
import { LiveDigit } from './reading/liveDigit.ts';
import { RecentMs } from './frames/recentMs.ts';
import { RenderClock } from './frames/renderClock.ts';
import { ScreenHost } from './screenHost.ts';
import { readChallengeSettings } from './state/challengeConfig.ts';
import { readConfig } from './state/config.ts';
import type { PointerKind } from './state/pointerKind.ts';
import type { RendererName } from './state/rendererChoice.ts';
import { loadSettings } from './state/savedSettings.ts';
import type { KeyValueStore } from './state/scores.ts';
import type { ToolActions, ToolsState } from './view/drawingTools.ts';

/** Live prediction at most this often while drawing: ~12 per second feels instant and costs little. */
export const LIVE_INTERVAL_MS = 80;

/** What every mode's screen receives: the page's shared parts, built once by startShell. */
export interface Shell {
  readonly app: Application;
  readonly renderer: RendererName;
  readonly siteRoot: URL;
  /** localStorage, or null where it is unavailable */
  readonly store: KeyValueStore | null;
  readonly random: Random;
  /** the clock of modes, frames and throttles, ms */
  readonly now: () => number;
  readonly host: ScreenHost;
  readonly messages: Messages;
  readonly models: Models;
  readonly personal: PersonalDigits;
  readonly settings: GameSettings;
  readonly scores: BestScores;
  /** the 28x28 grid free draw, a challenge and the Inside mode draw on */
  readonly grid: Grid;
  /** that grid read live by the model (free draw's prediction, a challenge's guesses) */
  readonly reading: LiveDigit;
  readonly edits: DrawingEdits;
  /** the drawing tools' buttons, the same on every screen that has them */
  readonly tools: ToolActions;
  readonly sound: WebAudioCues;
  readonly meter: FrameMeter;
  /** free draw's readings, ms */
  readonly latencies: RecentMs;
  /** the Number mode's readings, ms */
  readonly numberReads: RecentMs;
  readonly clock: RenderClock;
  readonly reducedMotion: () => boolean;
  /** a finger (or pen) or a mouse: what the hints tell the player to do */
  readonly pointerKind: () => PointerKind;
  /** says `text` to a screen reader (the page's polite live region), for what only the canvas shows */
  readonly say: (text: string) => void;
}

/** Reads the query string, starts model loading and Pixi side by side and builds the shared parts. */
export async function startShell(): Promise<Shell> {
  const query = new URLSearchParams(location.search);
  const config = readConfig(query);
  const store = browserStore();
  const saved = loadSettings(store);
  // a link's ?rounds= ?seconds= ?confidence= over what the player saved
  const challenge = readChallengeSettings(query, saved.challenge);
  const siteRoot = new URL('./', location.href);
  const now = (): number => performance.now();
  const messages = new Messages([...config.problems, ...challenge.problems]);
  // Before Pixi, so the two overlap.
  const models = new Models({ config, siteRoot, messages, now });
  const personal = new PersonalDigits(browserIndexedDb(), messages);

  const { app, renderer } = await startPixi(config.renderer, config.resolution, siteRoot, messages);
  const grid = createGrid(IMAGE_SIZE, IMAGE_SIZE);
  const meter = new FrameMeter();
  const latencies = new RecentMs();
  const say = createLiveRegion(document);
  const announcer = new Announcer(say);
  const clock = new RenderClock(now);
  const scores = new BestScores(store);
  const random = createRandom(Math.floor(Math.random() * 2 ** 32));
  const host = new ScreenHost({ random, scores, now, modeChanged: (before, after) => { announcer.modeChanged(before, after, now()); } });
  const sound = new WebAudioCues(window, saved.muted);
  const edits = new DrawingEdits({
    active: () => host.drawingOn(),
    show: () => {
      host.toolsChanged();
      clock.invalidate();
    },
  });
  const settings = new GameSettings({ store, saved, effective: challenge.settings, soundChanged: (muted) => { sound.setMuted(muted); edits.show(); } });
  const reading = new LiveDigit({
    grid,
    model: () => models.loaded?.classifier ?? null,
    rejectThreshold: () => models.loaded?.entry.rejectThreshold ?? null,
    show: (recognition) => {
      host.recognised(recognition);
      announcer.guess(recognition.prediction);
      clock.invalidate();
    },
    latencies,
    meter,
    timer: BROWSER_TIMER,
    intervalMs: LIVE_INTERVAL_MS,
  });
  const tools: ToolActions = {
    undo: () => { edits.undo(); },
    redo: () => { edits.redo(); },
    toggleEraser: () => { edits.toggleEraser(); },
    toggleSound: () => { settings.toggleSound(); },
  };
  return {
    app, renderer, siteRoot, store, random, now, host, messages, models, personal, settings, scores, grid, reading, edits, tools,
    sound, meter, latencies, numberReads: new RecentMs(), clock, reducedMotion: reducedMotion(window),
    pointerKind: watchPointerKind(window, app.canvas), say,
  };
}

/** What a screen's tool buttons show for `grid`. */
export function toolsState(shell: Shell, grid: Grid): ToolsState {
  const state = shell.edits.stateOf(grid);
  return { eraser: state.tool === 'eraser', canUndo: state.canUndo, canRedo: state.canRedo, muted: shell.sound.isMuted() };
}

/** Pointer strokes on `grid` while it is the grid the screen shown draws on; undoable, read as it changes. */
export function drawOn(shell: Shell, grid: Grid): void {
  const { app, host, edits, meter, now } = shell;
  // the screen's grid as the stroke started: a stroke ends on the grid it began on
  let on: EditableGrid | null = null;
  attachPointerDrawing({
    element: app.canvas,
    brush: DEFAULT_BRUSH,
    gridRect: () => toClient(app.canvas, host.gridView().getRect()),
    fold: () => host.gridView().fold(),
    measure: <T>(work: () => T): T => timed(meter, now, work),
    grid,
    enabled: () => host.drawingOn()?.grid === grid,
    tool: () => edits.tool(),
    onStrokeStart: () => {
      on = host.drawingOn();
      edits.strokeStarted(grid);
    },
    onInk: () => { on?.changed(); },
    onStrokeEnd: () => {
      edits.strokeEnded(grid);
      on?.changed();
    },
  });
}
