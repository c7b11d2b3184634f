/**
 * Composition root: reads the query string, starts model loading and Pixi side by side, wires
 * pointer and keyboard input to the grid, and shows predictions. The only module that does work at
 * import time.
 */
import { Application, UPDATE_PRIORITY } from 'pixi.js';
import { IMAGE_SIZE } from '../common/digit.ts';
import { createRandom } from '../common/random.ts';
import { exposeApi } from './platform/api.ts';
import { DEFAULT_BRUSH } from './state/brush.ts';
import { selectBackend, tensorCount, type BackendChoice, type Classifier } from './platform/classifier.ts';
import { readChallengeSettings } from './state/challengeConfig.ts';
import { readConfig } from './state/config.ts';
import { FrameMeter, timed } from './app/frameMeter.ts';
import { clearGrid, createGrid } from './state/grid.ts';
import { attachPointerDrawing } from './platform/input.ts';
import type { Rect } from './layout/rect.ts';
import { LiveNumber } from './app/liveNumber.ts';
import { ModeScreens } from './app/modeScreens.ts';
import { fetchModelIndex, loadModel, loadPieceVerifier, type LoadedModel } from './platform/modelLoader.ts';
import { BLANK_PREDICTION } from './state/prediction.ts';
import { recognise, type Recognition } from './app/recognise.ts';
import { chooseRenderer, rendererLabel, RENDERERS } from './state/rendererChoice.ts';
import { probeGraphics } from './platform/rendererProbe.ts';
import { browserStore } from './platform/storage.ts';
import { Throttle } from './app/throttle.ts';
import { BROWSER_TIMER } from './platform/timer.ts';
import { installCanvasBitmapTextFix } from './view/widgets/canvasBitmapText.ts';
import { installFonts } from './view/widgets/fonts.ts';
import { FreeScreenView } from './view/screens/freeScreen.ts';
import { NumberScreenView } from './view/screens/numberScreen.ts';
import { COLORS } from './view/widgets/theme.ts';

/** Live prediction at most this often while drawing: ~12 per second feels instant and costs little. */
const LIVE_INTERVAL_MS = 80;
/** After input, keep rendering this long so hover and press states show even without ink. */
const RENDER_AFTER_INPUT_MS = 250;
/** Latencies kept for the benchmark. */
const LATENCY_HISTORY = 1000;
/** The Number mode's grid: four MNIST-sized digits side by side, at the same cell size. */
const NUMBER_COLUMNS = 4 * IMAGE_SIZE;
/** Reading a number sends ~100 pieces through the model: ~5 readings a second keeps the pen smooth. */
const NUMBER_INTERVAL_MS = 200;

const config = readConfig(location.search);
const challenge = readChallengeSettings(location.search);
const siteRoot = new URL('./', location.href);
const indexUrl = new URL('models/index.json', siteRoot).href;
const now = (): number => performance.now();

const grid = createGrid(IMAGE_SIZE, IMAGE_SIZE);
const numberGrid = createGrid(NUMBER_COLUMNS, IMAGE_SIZE);
const meter = new FrameMeter();
const latencies: number[] = [];
const numberReads: number[] = [];
const problems: string[] = [...config.problems, ...challenge.problems];
let shown: Recognition = { prediction: BLANK_PREDICTION, seen: null, gridVersion: grid.version, ms: 0 };
let loaded: LoadedModel | null = null;
let pieceVerifier: Classifier | null = null;
let piecesReady: Promise<void> = Promise.resolve();
let backend: BackendChoice | null = null;
let readyMs: number | null = null;
let modelLabel = 'Loading model…';

// Model loading starts before Pixi so the two overlap: together they decide time-to-first-prediction.
const modelReady = (async (): Promise<void> => {
  const backendReady = selectBackend(config.backend, new URL('tfjs/', siteRoot).href);
  // awaited below; if the index fails first, its own failure is the one reported
  backendReady.catch(() => undefined);
  const index = await fetchModelIndex(indexUrl);
  loaded = await loadModel(index, indexUrl, config, backendReady);
  const chosen = await backendReady;
  backend = chosen;
  if (chosen.problem !== null) problems.push(chosen.problem);
  problems.push(...loaded.problems);
  readyMs = now();
  // After the digit model, so it never delays the first prediction; only the Number mode needs it.
  piecesReady = loadPieceVerifier(index, indexUrl, backendReady).then(
    (verifier) => {
      pieceVerifier = verifier;
    },
    (error: unknown) => {
      problems.push(`piece verifier could not be loaded (${error instanceof Error ? error.message : String(error)}); numbers are still read`);
    },
  );
})();

const rendering = chooseRenderer(await probeGraphics(config.renderer), config.renderer);
if (rendering.problem !== null) problems.push(rendering.problem);
const resolution = Math.min(window.devicePixelRatio || 1, rendering.maxResolution);
installCanvasBitmapTextFix();
const app = new Application();
await app.init({
  background: COLORS.background,
  resizeTo: window,
  antialias: true,
  autoDensity: true,
  resolution,
  preference: rendering.renderer,
});
/** What actually draws: Pixi falls back by itself if the chosen renderer fails to start. */
const rendererName = RENDERERS.find((name) => name === app.renderer.name) ?? rendering.renderer;
app.canvas.setAttribute('role', 'img');
app.canvas.setAttribute('aria-label', 'Handwritten digits: draw a digit on the grid and the network reads it');
document.body.appendChild(app.canvas);
await installFonts(new URL('fonts/', siteRoot).href, resolution * 1.5);

const screen = new FreeScreenView(grid, { reset, classify: () => void live.now(), menu: () => { screens.backToMenu(); } });
app.stage.addChild(screen);
const numberScreen = new NumberScreenView(numberGrid, { reset: () => { liveNumber.reset(); }, menu: () => { screens.backToMenu(); } });
app.stage.addChild(numberScreen);
const liveNumber = new LiveNumber({
  grid: numberGrid,
  classifier: () => {
    const model = loaded;
    return model === null ? null : (batch) => model.classifier.classifyBatch(batch);
  },
  verifier: () => {
    const verifier = pieceVerifier;
    return verifier === null ? null : (batch) => verifier.classifyBatch(batch);
  },
  show: (report, ms) => {
    if (ms > 0) {
      numberReads.push(ms);
      if (numberReads.length > LATENCY_HISTORY) numberReads.shift();
    }
    numberScreen.show(report);
    invalidate();
  },
  timer: BROWSER_TIMER,
  intervalMs: NUMBER_INTERVAL_MS,
});
const screens = new ModeScreens({
  stage: app.stage,
  grid,
  freeScreen: screen,
  numberScreen,
  settings: challenge.settings,
  store: browserStore(),
  random: createRandom(Math.floor(Math.random() * 2 ** 32)),
  now,
  clearCanvas: reset,
  clearNumber: () => { liveNumber.reset(); },
  canGuess: () => loaded !== null,
});
screen.layout(app.screen.width, app.screen.height);
numberScreen.layout(app.screen.width, app.screen.height);
screens.layout(app.screen.width, app.screen.height);
app.renderer.on('resize', (width: number, height: number) => {
  screen.layout(width, height);
  numberScreen.layout(width, height);
  screens.layout(width, height);
});
screen.setMessage(problems.join(' · '));
screens.showMessage(problems.join(' · '));

const live = new Throttle(classifyLatest, LIVE_INTERVAL_MS, BROWSER_TIMER);

async function classifyLatest(): Promise<void> {
  if (loaded === null || shown.gridVersion === grid.version) return;
  const start = now();
  const result = await recognise(grid, loaded.classifier, now);
  latencies.push(result.ms);
  if (latencies.length > LATENCY_HISTORY) latencies.shift();
  // a Reset while the model ran makes this answer stale; the reset's own blank answer stands
  if (result.gridVersion >= shown.gridVersion) {
    shown = result;
    screen.showPrediction(result.prediction, result.seen);
    screens.recognised(result.prediction);
    invalidate();
  }
  meter.add(now() - start);
}

function reset(): void {
  clearGrid(grid);
  shown = { prediction: BLANK_PREDICTION, seen: null, gridVersion: grid.version, ms: 0 };
  screen.showPrediction(shown.prediction, null);
  screens.recognised(shown.prediction);
  invalidate();
}

function gridRect(): Rect {
  return toClient(screens.gridView().getRect());
}

/** Canvas CSS pixels to client CSS pixels, where pointer events and screenshots live. */
function toClient(rect: Rect): Rect {
  const canvas = app.canvas.getBoundingClientRect();
  return { x: canvas.left + rect.x, y: canvas.top + rect.y, width: rect.width, height: rect.height };
}

attachPointerDrawing({
  element: app.canvas,
  grid,
  brush: DEFAULT_BRUSH,
  gridRect,
  enabled: () => screens.drawingEnabled(),
  measure: (work) => { timed(meter, now, work); },
  onInk: () => { live.request(); },
  onStrokeEnd: () => { live.request(); },
});
attachPointerDrawing({
  element: app.canvas,
  grid: numberGrid,
  brush: DEFAULT_BRUSH,
  gridRect,
  enabled: () => screens.isNumber(),
  measure: (work) => { timed(meter, now, work); },
  onInk: () => { liveNumber.request(); },
  onStrokeEnd: () => { liveNumber.request(); },
});

window.addEventListener('keydown', (event) => {
  if (screens.handleKey(event.key)) {
    event.preventDefault();
    return;
  }
  if (!screens.isFree()) return;
  if (event.key === 'Enter') {
    event.preventDefault();
    void live.now();
  } else if (event.key === 'Escape' || event.key === 'Backspace') {
    event.preventDefault();
    timed(meter, now, reset);
  }
});

// Render on demand in free draw: a still screen costs nothing, which keeps phones cool and leaves
// the CPU to the model. Anything that may change what is shown calls invalidate(); the grid and
// the bars report their own changes from tick(). The Number mode is still in the same way; the
// challenge animates (timers), so it renders every frame.
let renderUntil = 0;
function invalidate(): void {
  renderUntil = now() + RENDER_AFTER_INPUT_MS;
}
app.ticker.remove(app.render, app);
app.ticker.add((ticker) => {
  const start = now();
  const changed = screen.tick(ticker.deltaTime);
  const numberChanged = numberScreen.tick();
  screens.tick();
  if (!changed && !numberChanged && (screens.isFree() || screens.isNumber()) && start > renderUntil) return;
  app.render();
  meter.endFrame(now() - start);
}, undefined, UPDATE_PRIORITY.HIGH);
for (const type of ['pointerdown', 'pointermove', 'pointerup', 'pointerleave'] as const) {
  app.canvas.addEventListener(type, invalidate, { passive: true });
}
app.renderer.on('resize', invalidate);
window.addEventListener('keydown', invalidate);

modelReady.then(
  () => {
    if (loaded !== null && backend !== null) {
      const { testAccuracy } = loaded.entry;
      const accuracy = testAccuracy === null ? 'MNIST test accuracy unknown' : `${(testAccuracy * 100).toFixed(2)}% MNIST test accuracy`;
      modelLabel = `Model: ${loaded.entry.name} · ${accuracy} · ${backend.name.toUpperCase()} · ${rendererLabel(rendererName)}`;
    }
    screen.setModelLabel(modelLabel);
    screen.setMessage(problems.join(' · '));
    screens.showMessage(problems.join(' · '));
    invalidate();
    live.request();
    liveNumber.request();
  },
  (error: unknown) => {
    modelLabel = 'No model';
    screen.setModelLabel(modelLabel);
    // into problems, so that message() reports what the screen shows
    problems.push(`Could not load a model: ${error instanceof Error ? error.message : String(error)}`);
    screen.setMessage(problems.join(' · '));
    screens.showMessage(problems.join(' · '));
    invalidate();
    console.error(error);
  },
);

// Read lazily: piecesReady is set once the digit model has loaded.
const allModelsReady = modelReady.then(() => piecesReady);

// The views exist by now; the verifier may have finished before or after them.
allModelsReady.then(
  () => {
    screen.setMessage(problems.join(' · '));
    screens.showMessage(problems.join(' · '));
    if (pieceVerifier !== null) liveNumber.reread();
    invalidate();
  },
  () => undefined,
);

exposeApi(window, {
  gridRect,
  gridCells: () => screens.gridView().shownGrid(),
  predictionRegions: () => {
    const { digit, preview } = screen.predictionRegions();
    return { digit: toClient(digit), preview: toClient(preview) };
  },
  prediction: () => shown.prediction,
  modelName: () => loaded?.entry.name ?? null,
  mode: () => screens.report(),
  number: () => liveNumber.current(),
  settledNumber: async () => {
    await allModelsReady;
    return liveNumber.settled();
  },
  ready: () => allModelsReady,
  settled: async () => {
    await modelReady;
    while (shown.gridVersion !== grid.version) await live.now();
    return shown.prediction;
  },
  message: () => problems.join(' · '),
  modelLabel: () => modelLabel,
  stats: () => ({
    readyMs,
    backend: backend?.name ?? null,
    renderer: rendererName,
    latenciesMs: [...latencies],
    numberReadMs: [...numberReads],
    frameWorkMs: meter.recent(),
    numTensors: tensorCount(),
    pieceVerifier: pieceVerifier !== null,
  }),
});
