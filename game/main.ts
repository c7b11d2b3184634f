/**
 * Composition root: reads the query string, starts model loading and Pixi side by side, builds the
 * screens and controllers and wires input to them. The only module that does work at import time.
 */
import { IMAGE_SIZE } from '../common/digit.ts';
import { createRandom } from '../common/random.ts';
import { FrameMeter, timed } from './app/frameMeter.ts';
import { InsideLive } from './app/insideLive.ts';
import { InsideModel } from './app/insideModel.ts';
import { LiveDigit } from './app/liveDigit.ts';
import { LiveNumber } from './app/liveNumber.ts';
import { Messages } from './app/messages.ts';
import { ModeScreens } from './app/modeScreens.ts';
import { Models } from './app/models.ts';
import { exposePage, gridRect } from './app/pageApi.ts';
import { startPixi } from './app/pixiApp.ts';
import { RecentMs } from './app/recentMs.ts';
import { renderOnDemand } from './app/renderOnDemand.ts';
import { attachPointerDrawing } from './platform/input.ts';
import { browserStore } from './platform/storage.ts';
import { BROWSER_TIMER } from './platform/timer.ts';
import { DEFAULT_BRUSH } from './state/brush.ts';
import { readChallengeSettings } from './state/challengeConfig.ts';
import { readConfig } from './state/config.ts';
import { createGrid } from './state/grid.ts';
import { FreeScreenView } from './view/screens/freeScreen.ts';
import { InsideScreenView } from './view/screens/insideScreen.ts';
import { NumberScreenView } from './view/screens/numberScreen.ts';

/** Live prediction at most this often while drawing: ~12 per second feels instant and costs little. */
const LIVE_INTERVAL_MS = 80;
/** The Number mode's grid: four MNIST-sized digits side by side, at the same cell size. */
const NUMBER_COLUMNS = 4 * IMAGE_SIZE;
/** Reading a number sends ~100 pieces through the model: ~5 readings a second keeps the pen smooth. */
const NUMBER_INTERVAL_MS = 200;

const query = new URLSearchParams(location.search);
const config = readConfig(query);
const challenge = readChallengeSettings(query);
const siteRoot = new URL('./', location.href);
const now = (): number => performance.now();
const messages = new Messages([...config.problems, ...challenge.problems]);
// Before Pixi, so the two overlap.
const models = new Models({ config, siteRoot, messages, now });

const { app, renderer } = await startPixi(config.renderer, siteRoot, messages);
const grid = createGrid(IMAGE_SIZE, IMAGE_SIZE);
const numberGrid = createGrid(NUMBER_COLUMNS, IMAGE_SIZE);
const meter = new FrameMeter();
const latencies = new RecentMs();
const numberReads = new RecentMs();

const freeScreen = new FreeScreenView(grid, {
  reset: () => { liveDigit.reset(); },
  classify: () => void liveDigit.now(),
  menu: () => { modeScreens.backToMenu(); },
});
const numberScreen = new NumberScreenView(numberGrid, { reset: () => { liveNumber.reset(); }, menu: () => { modeScreens.backToMenu(); } });
const insideScreen = new InsideScreenView(grid, {
  clear: () => { insideLive.reset(); },
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
const modeScreens = new ModeScreens({
  stage: app.stage,
  grid,
  freeScreen,
  numberScreen,
  insideScreen,
  settings: challenge.settings,
  store: browserStore(),
  random: createRandom(Math.floor(Math.random() * 2 ** 32)),
  now,
  clearCanvas: () => { timed(meter, now, () => { liveDigit.reset(); }); },
  classify: () => void liveDigit.now(),
  clearNumber: () => { liveNumber.reset(); },
  clearInside: () => { timed(meter, now, () => { insideLive.reset(); }); },
  enterInside,
  canGuess: () => models.loaded !== null,
});
const layout = (width: number, height: number): void => {
  freeScreen.layout(width, height);
  numberScreen.layout(width, height);
  insideScreen.layout(width, height);
  modeScreens.layout(width, height);
};
layout(app.screen.width, app.screen.height);
app.renderer.on('resize', layout);

// The Number mode is still like free draw; the challenge animates (timers), so it renders every frame.
const render = renderOnDemand(app, window, {
  frame: (deltaTime) => {
    const changed = freeScreen.tick(deltaTime);
    const numberChanged = numberScreen.tick() || insideScreen.tick();
    modeScreens.tick();
    return { changed: changed || numberChanged, animates: !modeScreens.isFree() && !modeScreens.isNumber() };
  },
  meter,
  now,
});
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
attachPointerDrawing({ ...drawingOn, grid, enabled: () => modeScreens.drawingEnabled(), onInk: readDrawing, onStrokeEnd: readDrawing });
attachPointerDrawing({ ...drawingOn, grid: numberGrid, enabled: () => modeScreens.isNumber(), onInk: () => { liveNumber.request(); }, onStrokeEnd: () => { liveNumber.request(); } });
window.addEventListener('keydown', (event) => {
  if (modeScreens.handleKey(event.key)) event.preventDefault();
});

const showModelLabel = (): void => {
  freeScreen.setModelLabel(models.label(renderer));
  render.invalidate();
};
models.digitReady.then(() => {
  showModelLabel();
  liveDigit.request();
  if (modeScreens.isInside()) enterInside();
  liveNumber.request();
}, showModelLabel);
// The views exist by now; the verifier may have finished before or after them.
models.allReady.then(() => {
  if (models.verifier !== null) liveNumber.reread();
  render.invalidate();
}, () => undefined);

exposePage(window, { canvas: app.canvas, renderer, freeScreen, insideScreen, insideLive, modeScreens, liveDigit, liveNumber, models, messages, meter, latencies, numberReads });
