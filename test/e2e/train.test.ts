import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TRAIN_WORKER_PATH } from '../../common/train/protocol.ts';
import { TRAINING_SET_PATH } from '../../common/train/trainingSet.ts';
import { computeMyDigitsLayout } from '../../game/modes/digits/layout/myDigitsLayout.ts';
import type { TrainReport } from '../../game/shell/platform/api.ts';
import type { RunningServer } from '../../scripts/server.ts';
import { startServer } from '../../scripts/server.ts';
import { buildSite, REPO_ROOT } from '../../scripts/site.ts';
import { drawStrokes, openGame, settledPrediction } from '../../scripts/browser/draw.ts';
import { MNIST_DIR, mnistTestDigitsAt, type LabelledDigit } from '../../scripts/browser/mnistDigits.ts';
import { traceStrokes } from '../../scripts/browser/strokes.ts';
import { BROWSER_CONFIGS, gameSite, launchChromium, startGameServer, type Browser, skipReason, suiteTitle } from './harness.ts';

const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'train');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** MNIST test image 0, a clear 7, and image 1, a 2. */
const DIGITS = [0, 1] as const;
/** Held-out accuracy the network reaches before the drawn digits are read (in 4-9 s of training here). */
const READS_AT = 0.95;

const SKIP_REASON = skipReason({ models: true, mnist: true, files: [join('assets', TRAINING_SET_PATH)] });

function train(page: Page): Promise<TrainReport> {
  return page.evaluate(() => {
    const api = window.handwrittenDigits;
    if (api === undefined) throw new Error('window.handwrittenDigits is missing');
    return api.train();
  });
}

async function press(page: Page, button: 'pause' | 'restart' | 'speed' | 'keep' | 'menu'): Promise<void> {
  const rect = (await train(page)).buttons[button];
  if (rect === undefined) throw new Error(`no ${button} button`);
  await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
}

/** Opens the game and the Train room from the menu (T), the way a player does. */
async function openTrain(browser: Browser, url: string, errors: string[], viewport = DESKTOP): Promise<Page> {
  const page = await browser.newPage(viewport);
  page.on('pageerror', (error) => errors.push(error.message));
  await openGame(page, url);
  await page.keyboard.press('m');
  await page.keyboard.press('t');
  await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'train');
  return page;
}

/** Waits until the room's guess is about the drawing on the grid now (the worker reads each change), and returns it. */
async function guessOnGrid(page: Page): Promise<{ digit: number; confidence: number }> {
  const handle = await page.waitForFunction(() => {
    const report = window.handwrittenDigits?.train();
    const guess = report?.guess;
    return guess?.gridVersion === report?.gridVersion ? guess : null;
  });
  return (await handle.jsonValue()) as { digit: number; confidence: number };
}

/**
 * The report once the worker has taken the pause: it reads its messages between slices of steps
 * (the first slice, measuring and compiling, is the longest), so a step under way may still land
 * after the page says paused; its next report says it has stopped.
 */
async function afterPause(page: Page): Promise<TrainReport> {
  await page.waitForFunction(() => window.handwrittenDigits?.train().workerPaused === true, undefined, { timeout: 60_000 });
  return train(page);
}

/** It trains (the curves get points, the filters change), and pause holds everything; returns after resuming. */
async function trainsAndPauses(page: Page, screenshots: string): Promise<void> {
  await page.waitForFunction(() => (window.handwrittenDigits?.train().accuracy.length ?? 0) >= 3, undefined, { timeout: 60_000 });
  const early = await train(page);
  expect(early.phase).toBe('training');
  expect(early.loss.length).toBeGreaterThan(0);
  // twenty steps and one more measurement later
  await page.waitForFunction(({ steps, points }) => {
    const report = window.handwrittenDigits?.train();
    return report !== undefined && report.steps > steps + 20 && report.accuracy.length > points;
  }, { steps: early.steps, points: early.accuracy.length });
  const later = await train(page);
  expect(later.filterChanges).toBeGreaterThan(early.filterChanges);
  expect(later.filters).not.toEqual(early.filters);
  // the worker's steps, measurements and readings on the browser's WASM backend leave no tensor behind
  expect(later.workerTensors).toBe(early.workerTensors);
  expect(later.workerTensors).toBeGreaterThan(0);

  // paused, nothing moves: not the filters, the steps or the curves
  await press(page, 'pause');
  await page.waitForFunction(() => window.handwrittenDigits?.train().phase === 'paused');
  const paused = await afterPause(page);
  await page.waitForTimeout(1000);
  const stillPaused = await train(page);
  expect(stillPaused.filters).toEqual(paused.filters);
  expect(stillPaused.steps).toBe(paused.steps);
  expect(stillPaused.accuracy.length).toBe(paused.accuracy.length);
  await page.screenshot({ path: join(screenshots, 'paused.png') });
  await press(page, 'pause');
  await page.waitForFunction((steps) => (window.handwrittenDigits?.train().steps ?? 0) > steps, paused.steps);
}

const [WITH_WEBGL, WITHOUT_WEBGL] = BROWSER_CONFIGS;

describe.skipIf(SKIP_REASON !== null)(suiteTitle('the Train mode', SKIP_REASON), () => {
  let server: RunningServer;
  let damaged: RunningServer;
  let browser: Browser;
  let digits: LabelledDigit[];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(join(SCREENSHOTS, 'default'), { recursive: true });
    digits = await mnistTestDigitsAt(DIGITS, MNIST_DIR ?? '');
    server = await startGameServer();
    // one byte of the training digits changed in transit: the checksum must catch it
    const file = (await gameSite()).get(TRAINING_SET_PATH);
    if (file === undefined) throw new Error(`the site has no ${TRAINING_SET_PATH}`);
    // a copy: the site's Buffer is shared with the other server, and Buffer.slice would not copy
    const body = Uint8Array.from(file.body);
    body[body.length >> 1] = (body[body.length >> 1] ?? 0) ^ 0x40;
    damaged = await startGameServer(new Map([[TRAINING_SET_PATH, { ...file, body }]]));
    browser = await launchChromium(WITH_WEBGL);
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
    await damaged.close();
  });

  test('it trains, pause holds it, the network reads drawn digits, and Keep plays it in free draw', { timeout: 120_000 }, async () => {
    const page = await openTrain(browser, server.url, pageErrors);
    await trainsAndPauses(page, join(SCREENSHOTS, 'default'));
    await page.waitForFunction((accuracy) => (window.handwrittenDigits?.train().accuracy.at(-1)?.value ?? 0) >= accuracy, READS_AT, { timeout: 90_000 });
    for (const digit of digits) {
      await page.keyboard.press('Escape');
      await drawStrokes(page, traceStrokes(digit.pixels, 28, 28), { size: 28, via: 'mouse' });
      expect((await guessOnGrid(page)).digit, `MNIST test #${digit.index}`).toBe(digit.label);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'default', 'trained.png') });

    await press(page, 'keep');
    await page.waitForFunction(() => window.handwrittenDigits?.train().message.startsWith('Kept') === true, undefined, { timeout: 30_000 });
    await page.keyboard.press('m');
    await page.keyboard.press('f');
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'free');
    expect(await page.evaluate(() => window.handwrittenDigits?.modelName())).toMatch(/^trained here/);
    // the game's kernel reads the kept network, as it reads the shipped ones
    expect(await page.evaluate(() => window.handwrittenDigits?.stats().backend)).toBe('wasm-simd');
    // free draw reads the digit last drawn in Train (the grid is shared) with the kept network
    expect((await settledPrediction(page)).digit).toBe(digits.at(-1)?.label);
    // Compare shows the kept network beside the shipped ones, reading the same drawing the same way
    await page.keyboard.press('m');
    await page.keyboard.press('p');
    const compared = await page.evaluate(() => window.handwrittenDigits?.settledCompare());
    const trainedCard = compared?.columns.find((c) => c.kind === 'trained');
    expect(trainedCard?.name).toMatch(/^trained here/);
    expect(trainedCard?.digit).toBe(digits.at(-1)?.label);

    // My digits' Base model goes back to the shipped model
    await page.keyboard.press('m');
    await page.keyboard.press('d');
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'digits');
    await page.evaluate(() => new Promise<void>((resolve) => { requestAnimationFrame(() => { requestAnimationFrame(() => { resolve(); }); }); }));
    const base = computeMyDigitsLayout(DESKTOP.width, DESKTOP.height).buttons.base;
    await page.mouse.click(base.x + base.width / 2, base.y + base.height / 2);
    await page.waitForFunction(() => window.handwrittenDigits?.modelName() === 'default');

    // a later visit plays the shipped model, and Compare shows the kept network, read back from IndexedDB
    await page.reload();
    await openGame(page, server.url);
    expect(await page.evaluate(() => window.handwrittenDigits?.modelName())).toBe('default');
    const last = digits.at(-1);
    if (last === undefined) throw new Error('no digits drawn');
    await drawStrokes(page, traceStrokes(last.pixels, 28, 28), { size: 28, via: 'mouse' });
    await page.keyboard.press('m');
    await page.keyboard.press('p');
    const later = await page.evaluate(() => window.handwrittenDigits?.settledCompare());
    const keptCard = later?.columns.find((c) => c.kind === 'trained');
    expect(keptCard).toMatchObject({ name: trainedCard?.name, status: 'ready', digit: last.label });
    await page.screenshot({ path: join(SCREENSHOTS, 'default', 'compare-kept.png') });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  test('the training code not downloaded (offline on a first visit): the room says so; opened again, it trains', { timeout: 60_000 }, async () => {
    const page = await browser.newPage(DESKTOP);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await openGame(page, server.url);
    await page.route(`**/${TRAIN_WORKER_PATH}`, (route) => route.abort('internetdisconnected'));
    await page.keyboard.press('m');
    await page.keyboard.press('t');
    await page.waitForFunction(() => window.handwrittenDigits?.train().phase === 'failed', undefined, { timeout: 30_000 });
    expect((await train(page)).message).toMatch(/training code could not be loaded/);
    await page.unroute(`**/${TRAIN_WORKER_PATH}`);
    await page.keyboard.press('m');
    await page.keyboard.press('t');
    await page.waitForFunction(() => (window.handwrittenDigits?.train().steps ?? 0) > 0, undefined, { timeout: 60_000 });
    expect((await train(page)).message).toBe('');
    await page.close();
  });

  test('damaged training digits: the room says so, nothing trains, and the game still plays', { timeout: 60_000 }, async () => {
    const page = await openTrain(browser, damaged.url, pageErrors);
    await page.waitForFunction(() => window.handwrittenDigits?.train().phase === 'failed', undefined, { timeout: 30_000 });
    const report = await train(page);
    expect(report.message).toMatch(/damaged/);
    expect(report.steps).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'default', 'failed.png') });
    // Pause does nothing without a network; the menu and free draw work as ever
    await press(page, 'pause');
    expect((await train(page)).phase).toBe('failed');
    await press(page, 'menu');
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'menu');
    await page.keyboard.press('f');
    const [seven] = digits;
    if (seven === undefined) throw new Error('no 7');
    await page.keyboard.press('Escape');
    await drawStrokes(page, traceStrokes(seven.pixels, 28, 28), { size: 28, via: 'events' });
    expect((await settledPrediction(page)).digit).toBe(seven.label);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

describe.skipIf(SKIP_REASON !== null || WITHOUT_WEBGL === undefined)(suiteTitle('the Train mode on a phone, WebGL disabled', SKIP_REASON), () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    await mkdir(join(SCREENSHOTS, 'nowebgl'), { recursive: true });
    server = await startGameServer();
    browser = await launchChromium(WITHOUT_WEBGL);
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  test('left while it loads, it waits; back in Train it trains, and pause holds it, on the canvas renderer at 390x844', { timeout: 90_000 }, async () => {
    const errors: string[] = [];
    const page = await openTrain(browser, server.url, errors, PHONE);
    expect(await page.evaluate(() => window.handwrittenDigits?.stats().renderer)).toBe('canvas');
    // off to the menu before the digits are in: the network is built, then waits
    await page.keyboard.press('m');
    await page.waitForFunction(() => window.handwrittenDigits?.train().phase === 'paused', undefined, { timeout: 60_000 });
    const waiting = await afterPause(page);
    await page.waitForTimeout(1000);
    expect((await train(page)).steps).toBe(waiting.steps);
    await page.keyboard.press('t');
    await page.waitForFunction((steps) => (window.handwrittenDigits?.train().steps ?? 0) > steps, waiting.steps);
    expect((await train(page)).phase).toBe('training');
    await trainsAndPauses(page, join(SCREENSHOTS, 'nowebgl'));
    expect(errors).toEqual([]);
    await page.close();
  });
});

const TRAIN_FILES = [TRAINING_SET_PATH, TRAIN_WORKER_PATH];

/** Whether each site path is in one of the page's caches (the service worker's). */
function kept(page: Page, paths: readonly string[]): Promise<boolean[]> {
  return page.evaluate(async (all) => Promise.all(all.map(async (path) => (await caches.match(new URL(path, location.href).href)) !== undefined)), paths);
}

describe.skipIf(SKIP_REASON !== null)(suiteTitle('the Train mode offline', SKIP_REASON), () => {
  let browser: Browser;
  let server: RunningServer | null = null;

  beforeAll(async () => {
    browser = await launchChromium(WITH_WEBGL);
  });
  afterAll(async () => {
    await browser.close();
    await server?.close();
  });

  test('opened once online, it trains again with the server stopped (its worker and digits were kept)', { timeout: 120_000 }, async () => {
    server = await startServer({ site: await buildSite({ minify: true, offline: true }), port: 0 });
    const { url } = server;
    const errors: string[] = [];
    const page = await browser.newPage(DESKTOP);
    page.on('pageerror', (error) => errors.push(error.message));
    await openGame(page, url);
    // installed (the whole build precached), but Train's files are not fetched until Train opens
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    expect(await kept(page, TRAIN_FILES)).toEqual([false, false]);
    await page.keyboard.press('m');
    await page.keyboard.press('t');
    await page.waitForFunction(() => (window.handwrittenDigits?.train().steps ?? 0) > 0, undefined, { timeout: 60_000 });
    expect(await kept(page, TRAIN_FILES)).toEqual([true, true]);

    await server.close();
    server = null;
    await page.reload();
    await openGame(page, url);
    await page.keyboard.press('m');
    await page.keyboard.press('t');
    await page.waitForFunction(() => (window.handwrittenDigits?.train().accuracy.length ?? 0) >= 2, undefined, { timeout: 60_000 });
    expect((await train(page)).problem).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });
});
