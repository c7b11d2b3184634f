/**
 * Composition root: reads the query string, starts model loading and Pixi side by side, builds the
 * screens and controllers and wires input to them. The only module that does work at import time.
 */
import { IMAGE_SIZE } from '../common/digit.ts';
import { createRandom } from '../common/random.ts';
import { Announcer } from './shell/announcer.ts';
import { mirrorButtons } from './shell/buttonMirror.ts';
import { DrawingEdits, type EditableGrid } from './shell/drawingEdits.ts';
import { FrameMeter, timed } from './shell/frameMeter.ts';
import { GameSounds } from './shell/gameSounds.ts';
import { InsideLive } from './modes/inside/insideLive.ts';
import { InsideModel } from './modes/inside/insideModel.ts';
import { LiveDigit } from './shell/reading/liveDigit.ts';
import { LiveNumber } from './modes/number/liveNumber.ts';
import { Messages } from './shell/messages.ts';
import { ModeScreens } from './shell/screenHost.ts';
import { Models } from './shell/models.ts';
import { MyDigits } from './modes/digits/myDigits.ts';
import { exportDigits } from './modes/digits/exportDigits.ts';
import { drawingOf, PersonalDigits } from './shell/personalDigits.ts';
import { Teaching } from './modes/digits/teaching.ts';
import { exposePage, gridRect } from './shell/pageApi.ts';
import { startPixi } from './shell/pixiApp.ts';
import { RecentMs } from './shell/recentMs.ts';
import { renderOnDemand } from './shell/renderOnDemand.ts';
import { SettingsScreen } from './modes/settings/settingsScreen.ts';
import { handleSharedKey } from './shell/sharedKeys.ts';
import { WebAudioCues } from './shell/platform/audio.ts';
import { DomButtons } from './shell/platform/domButtons.ts';
import { attachPointerDrawing, type PointerDrawingOptions } from './shell/platform/input.ts';
import { createLiveRegion } from './shell/platform/liveRegion.ts';
import { reducedMotion } from './shell/platform/motion.ts';
import { registerServiceWorker, reloadOnNewBuild } from './offline/register.ts';
import { browserIndexedDb } from './shell/platform/personalStore.ts';
import { browserStore } from './shell/platform/storage.ts';
import { BROWSER_TIMER } from './shell/platform/timer.ts';
import { DEFAULT_BRUSH } from '../common/ink/brush.ts';
import { readChallengeSettings } from './shell/state/challengeConfig.ts';
import { readConfig } from './shell/state/config.ts';
import { createGrid } from '../common/ink/grid.ts';
import { loadSettings } from './modes/settings/state/savedSettings.ts';
import { FreeScreenView } from './modes/free/view/freeScreenView.ts';
import { InsideScreenView } from './modes/inside/view/insideScreenView.ts';
import { NumberScreenView } from './modes/number/view/numberScreenView.ts';
import type { ToolsState } from './shell/view/drawingTools.ts';

/** Live prediction at most this often while drawing: ~12 per second feels instant and costs little. */
const LIVE_INTERVAL_MS = 80;
/** The Number mode's grid: four MNIST-sized digits side by side, at the same cell size. */
const NUMBER_COLUMNS = 4 * IMAGE_SIZE;
/** Reading a number sends ~100 pieces through the model: ~5 readings a second keeps the pen smooth. */
const NUMBER_INTERVAL_MS = 200;
/** Elapsed time so long that every easing has arrived: reduced motion shows end states at once. */
const SETTLED_FRAMES = Number.POSITIVE_INFINITY;

reloadOnNewBuild(navigator, () => { location.reload(); });
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

const { app, renderer } = await startPixi(config.renderer, siteRoot, messages);
const grid = createGrid(IMAGE_SIZE, IMAGE_SIZE);
const numberGrid = createGrid(NUMBER_COLUMNS, IMAGE_SIZE);
const meter = new FrameMeter();
const latencies = new RecentMs();
const numberReads = new RecentMs();
const announcer = new Announcer(createLiveRegion(document));
const stillMotion = reducedMotion(window);
const domButtons = new DomButtons(document, app.canvas);

const sound = new WebAudioCues(window, saved.muted);
const sounds = new GameSounds((cue) => { sound.play(cue); });
const digitGrid: EditableGrid = { grid, changed: () => { readDrawing(); } };
const wideGrid: EditableGrid = { grid: numberGrid, changed: () => { liveNumber.request(); } };
const edits = new DrawingEdits({
  active: () => (modeScreens.isNumber() ? wideGrid : modeScreens.drawingEnabled() ? digitGrid : null),
  show: (stateOf) => {
    const shown = (on: EditableGrid): ToolsState => {
      const state = stateOf(on.grid);
      return { eraser: state.tool === 'eraser', canUndo: state.canUndo, canRedo: state.canRedo, muted: sound.isMuted() };
    };
    freeScreen.showTools(shown(digitGrid));
    numberScreen.showTools(shown(wideGrid));
    modeScreens.showTools(shown(digitGrid));
    render.invalidate();
  },
});
const toolActions = {
  undo: () => { edits.undo(); },
  redo: () => { edits.redo(); },
  toggleEraser: () => { edits.toggleEraser(); },
  toggleSound: () => { settingsScreen.toggleSound(); },
};
const settingsScreen = new SettingsScreen({
  store,
  saved,
  effective: challenge.settings,
  soundChanged: (muted) => {
    sound.setMuted(muted);
    edits.show();
  },
  challengeChanged: (settings) => {
    modeScreens.settingsChanged(settings);
    render.invalidate();
  },
  back: () => { modeScreens.backToMenu(); },
});
const freeScreen = new FreeScreenView(grid, {
  ...toolActions,
  reset: () => {
    edits.beforeClear(grid);
    liveDigit.reset();
  },
  classify: () => void liveDigit.now(),
  menu: () => { modeScreens.backToMenu(); },
  meant: (digit) => { meant(digit); },
});
const clearNumber = (): void => {
  edits.beforeClear(numberGrid);
  liveNumber.reset();
};
const numberScreen = new NumberScreenView(numberGrid, { ...toolActions, reset: clearNumber, menu: () => { modeScreens.backToMenu(); } });
const insideScreen = new InsideScreenView(grid, {
  clear: () => {
    edits.beforeClear(grid);
    insideLive.reset();
  },
  menu: () => { modeScreens.backToMenu(); },
  explain: (digit) => { insideLive.explain(digit); },
});
app.stage.addChild(freeScreen, numberScreen, insideScreen);
const insideModel = new InsideModel(() => models.loaded, new URL('models/', siteRoot));
const insideLive = new InsideLive({
  grid,
  network: () => insideModel.network(),
  view: {
    show: (...shown) => {
      insideScreen.show(...shown);
      render.invalidate();
    },
  },
  meter,
  timer: BROWSER_TIMER,
  intervalMs: LIVE_INTERVAL_MS,
});
const enterInside = (): void => {
  void insideModel.prepare().then((shown) => {
    if (shown === null) return;
    insideScreen.setNetwork(shown);
    insideLive.request();
    render.invalidate();
  });
};
const liveDigit = new LiveDigit({
  grid,
  model: () => models.loaded?.classifier ?? null,
  verifier: () => models.verifier,
  show: (recognition) => {
    freeScreen.showPrediction(recognition.prediction, recognition.seen);
    modeScreens.recognised(recognition.prediction);
    announcer.guess(recognition.prediction);
    render.invalidate();
  },
  latencies,
  meter,
  timer: BROWSER_TIMER,
  intervalMs: LIVE_INTERVAL_MS,
});
const liveNumber = new LiveNumber({
  grid: numberGrid,
  classifier: () => models.classifyBatch(),
  verifier: () => models.verifyBatch(),
  show: (report, ms) => {
    if (ms > 0) numberReads.add(ms);
    numberScreen.show(report);
    render.invalidate();
  },
  timer: BROWSER_TIMER,
  intervalMs: NUMBER_INTERVAL_MS,
});
const teaching = new Teaching({
  models,
  digits: personal,
  messages,
  siteRoot,
  now,
  progress: (fraction) => { myDigits.setProgress(fraction); },
  modelChanged: () => {
    showModelLabel();
    liveDigit.reread();
    myDigits.refresh();
  },
});
const myDigits = new MyDigits({
  digits: personal,
  teaching,
  models,
  exportDigits: () => exportDigits(personal.examples()),
  menu: () => { modeScreens.backToMenu(); },
  invalidate: () => { render.invalidate(); },
});
/** Free draw's "I meant this digit": the grid as drawn, with the guess on screen. */
const meant = (digit: number): void => {
  void personal.correct(drawingOf(grid.cells.slice(), liveDigit.current()), digit).then(({ saved, message }) => {
    freeScreen.setStatus(message, saved);
    render.invalidate();
  });
};
const modeScreens = new ModeScreens({
  stage: app.stage,
  grid,
  freeScreen,
  numberScreen,
  insideScreen,
  settings: () => settingsScreen.challenge(),
  settingsScreen: settingsScreen.view,
  tools: toolActions,
  store,
  random: createRandom(Math.floor(Math.random() * 2 ** 32)),
  now,
  clearCanvas: () => {
    edits.beforeClear(grid);
    timed(meter, now, () => { liveDigit.reset(); });
  },
  roundStarted: () => { edits.forget(grid); },
  classify: () => void liveDigit.now(),
  clearNumber,
  clearInside: () => {
    edits.beforeClear(grid);
    timed(meter, now, () => { insideLive.reset(); });
  },
  enterInside,
  canGuess: () => models.loaded !== null,
  modeChanged: (before, after) => { announcer.modeChanged(before, after, now()); },
  reducedMotion: stillMotion,
  myDigits: myDigits.view,
  enterMyDigits: () => { myDigits.refresh(); },
  meant,
  meantInRound: (result, digit) => {
    const seen = result.seen;
    if (seen === null) return;
    void personal.correct({ cells: seen.drawing, guess: seen.guess.digit, confidence: seen.guess.confidence }, digit).then(({ message }) => {
      modeScreens.showSummaryStatus(message);
      render.invalidate();
    });
  },
});
const layout = (width: number, height: number): void => {
  freeScreen.layout(width, height);
  numberScreen.layout(width, height);
  insideScreen.layout(width, height);
  modeScreens.layout(width, height);
  myDigits.view.layout(width, height);
};
layout(app.screen.width, app.screen.height);
app.renderer.on('resize', layout);

// The Number mode is still like free draw; the challenge animates (timers), so it renders every frame.
const render = renderOnDemand(app, window, {
  frame: (deltaTime) => {
    const changed = freeScreen.tick(stillMotion() ? SETTLED_FRAMES : deltaTime);
    const numberChanged = numberScreen.tick() || insideScreen.tick();
    modeScreens.tick();
    sounds.frame(modeScreens.current(), now());
    syncButtons();
    return { changed: changed || numberChanged, animates: !modeScreens.isFree() && !modeScreens.isNumber() };
  },
  meter,
  now,
});
// after a press, at once: the next Tab must already move among the new screen's buttons
const syncButtons = (): void => {
  mirrorButtons(app.stage, domButtons, () => {
    render.invalidate();
    syncButtons();
  });
};
messages.showOn((text) => {
  freeScreen.setMessage(text);
  modeScreens.showMessage(text);
  render.invalidate();
});

// The Inside mode reads the same grid through every layer, which includes the answer.
const readDrawing = (): void => {
  if (modeScreens.isInside()) insideLive.request();
  else liveDigit.request();
};
const drawingOn = { element: app.canvas, brush: DEFAULT_BRUSH, gridRect: () => gridRect(app.canvas, modeScreens), measure: <T>(work: () => T): T => timed(meter, now, work) };
const strokes = (on: EditableGrid, enabled: () => boolean): PointerDrawingOptions => ({
  ...drawingOn,
  grid: on.grid,
  enabled,
  tool: () => edits.tool(),
  onStrokeStart: () => { edits.strokeStarted(on.grid); },
  onInk: () => { on.changed(); },
  onStrokeEnd: () => {
    edits.strokeEnded(on.grid);
    on.changed();
  },
});
attachPointerDrawing(strokes(digitGrid, () => modeScreens.drawingEnabled()));
attachPointerDrawing(strokes(wideGrid, () => modeScreens.isNumber()));
window.addEventListener('keydown', (event) => {
  // a focused button takes Enter and Space itself (the browser presses it)
  if (event.target instanceof HTMLButtonElement && (event.key === 'Enter' || event.key === ' ')) return;
  const drawing = modeScreens.drawingEnabled() || modeScreens.isNumber();
  if (handleSharedKey(event, edits, drawing, () => { settingsScreen.toggleSound(); }) || modeScreens.handleKey(event.key)) event.preventDefault();
});

const showModelLabel = (): void => {
  freeScreen.setModelLabel(models.label(renderer));
  render.invalidate();
};
models.digitReady.then(() => {
  showModelLabel();
  void teaching.restore();
  liveDigit.request();
  if (modeScreens.isInside()) enterInside();
  liveNumber.request();
}, showModelLabel);
// The views exist by now; the verifier may have finished before or after them.
models.allReady.then(() => {
  if (models.verifier !== null) liveNumber.reread();
  render.invalidate();
}, () => undefined).finally(() => {
  // after the game's own loading, so precaching the build does not compete with it
  registerServiceWorker(navigator, siteRoot);
});

edits.show();
exposePage(window, { canvas: app.canvas, renderer, freeScreen, numberScreen, insideScreen, insideLive, modeScreens, liveDigit, liveNumber, models, messages, meter, latencies, numberReads, sound, edits, personal, teaching, myDigits });
