import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../../scripts/server.ts';
import { REPO_ROOT } from '../../scripts/site.ts';
import { BROWSER_CONFIGS, launchChromium, type Browser, skipReason, suiteTitle } from './harness.ts';
import { drawStrokes, gridRect, openGame, settledPrediction } from '../../scripts/browser/draw.ts';
import { jsonFile, startGameServer } from './harness.ts';
import { MNIST_DIR, mnistTestDigits } from '../../scripts/browser/mnistDigits.ts';
import { traceStrokes } from '../../scripts/browser/strokes.ts';
import { nonDigits } from '../../scripts/bench/nonDigits.ts';

const SCREENSHOTS = join(REPO_ROOT, 'test-results');

/**
 * Extra models for the failure paths, served next to the real ones: "broken" has an unreadable
 * model.json, "flat" is a valid tfjs model with the wrong input shape ([null,784]).
 */
async function testFiles(): Promise<Map<string, { body: Uint8Array; type: string }>> {
  const index = JSON.parse(await readFile(join(REPO_ROOT, 'assets/models/index.json'), 'utf8')) as {
    default: string;
    models: Record<string, unknown>[];
  };
  const extra = { arch: 'test', testAccuracy: 0.5, parameters: 7850, weightBytes: 31400, description: 'test only' };
  index.models.push({ ...extra, name: 'broken', path: 'broken/model.json' }, { ...extra, name: 'flat', path: 'flat/model.json' });
  const flat = {
    format: 'layers-model',
    modelTopology: {
      class_name: 'Sequential',
      config: { name: 'flat', layers: [{ class_name: 'Dense', config: { units: 10, activation: 'softmax', batch_input_shape: [null, 784], name: 'dense', use_bias: true } }] },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [{ paths: ['weights.bin'], weights: [{ name: 'dense/kernel', shape: [784, 10], dtype: 'float32' }, { name: 'dense/bias', shape: [10], dtype: 'float32' }] }],
  };
  return new Map([
    ['models/index.json', jsonFile(index)],
    ['models/broken/model.json', { body: new TextEncoder().encode('{"format": "layers-model", "modelTop'), type: 'application/json' }],
    ['models/flat/model.json', jsonFile(flat)],
    ['models/flat/weights.bin', { body: new Uint8Array(7850 * 4), type: 'application/octet-stream' }],
  ]);
}

async function api<T>(page: Page, read: (api: NonNullable<Window['handwrittenDigits']>) => T | Promise<T>): Promise<T> {
  return page.evaluate<T>(`(${read.toString()})(window.handwrittenDigits)`);
}

const SKIP_REASON = skipReason({ models: true });

describe.skipIf(SKIP_REASON !== null).each(BROWSER_CONFIGS)(suiteTitle('the game in Chromium, $name', SKIP_REASON), (config) => {
  let server: RunningServer;
  let browser: Browser;
  const pageErrors: string[] = [];

  async function newGame(query = '', viewport = { width: 1280, height: 800 }): Promise<Page> {
    const page = await browser.newPage(viewport);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await openGame(page, server.url + query);
    return page;
  }

  beforeAll(async () => {
    await mkdir(join(SCREENSHOTS, config.id), { recursive: true });
    server = await startGameServer(await testFiles());
    browser = await launchChromium(config);
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  test('loads with the default model, free mode, nothing drawn and no guess', async () => {
    const page = await newGame();
    expect(await api(page, (a) => a.modelName())).toBe('default');
    expect(await api(page, (a) => a.mode())).toEqual({ kind: 'free' });  // after openGame chose free draw
    expect(await api(page, (a) => a.modelLabel())).toMatch(/default · \d+\.\d\d% MNIST test accuracy/);
    expect(await api(page, (a) => a.message())).toBe('');
    const blank = await api(page, (a) => a.prediction());
    expect(blank).toMatchObject({ digit: null, blank: true });
    // read-only: assignments are ignored
    await page.evaluate(() => {
      try {
        (window as { handwrittenDigits?: unknown }).handwrittenDigits = null;
      } catch { /* strict-mode assignment to a read-only property throws; either way it must stay */ }
    });
    expect(await api(page, (a) => typeof a.prediction)).toBe('function');
    await page.screenshot({ path: join(SCREENSHOTS, config.id, 'game-empty.png') });
    await page.close();
  });

  // read by the game's kernel (no tfjs on the first screen: no tensors at all), and by tfjs's WASM backend
  test.skipIf(MNIST_DIR === null).each(['', '?backend=wasm'])('reads 20 real MNIST test digits drawn as pointer strokes (needs MNIST_DIR) %s', { timeout: 600_000 }, async (query) => {
    const digits = await mnistTestDigits(2, MNIST_DIR ?? '');
    const page = await newGame(query);
    expect(await api(page, (a) => a.stats().backend)).toBe(query === '' ? 'wasm-simd' : 'wasm');
    const tensorsBefore = await api(page, (a) => a.stats().numTensors);
    if (query === '') expect(tensorsBefore).toBe(0);
    const results: string[] = [];
    let right = 0;
    for (const digit of digits) {
      await page.keyboard.press('Escape');
      // dispatched pointer events: the same handlers as the mouse, without a round trip per move
      await drawStrokes(page, traceStrokes(digit.pixels, 28, 28), { size: 28, via: 'events' });
      await page.keyboard.press('Enter');
      const shown = await settledPrediction(page);
      if (shown.digit === digit.label) right++;
      results.push(`#${digit.index}: ${digit.label} -> ${shown.digit}${shown.unsure ? '?' : ''}`);
      if (query === '' && digit.index === digits[digits.length - 1]?.index) await page.screenshot({ path: join(SCREENSHOTS, config.id, 'game-mnist-9.png') });
    }
    console.log(`MNIST redrawn: ${right}/20 right\n  ${results.join('\n  ')}`);
    expect(right, results.join(', ')).toBeGreaterThanOrEqual(19);
    // predictions do not leak tensors
    expect(await api(page, (a) => a.stats().numTensors)).toBe(tensorsBefore);
    await page.close();
  });

  test('a dot, a dash and a tick drawn with the mouse get no guess: not a digit (yet)', async () => {
    const page = await newGame();
    const marks = {
      dot: [[{ x: 14, y: 14 }]],
      dash: [[{ x: 11, y: 14 }, { x: 13, y: 14.2 }, { x: 15, y: 14.5 }]],
      tick: [[{ x: 14, y: 11 }, { x: 14.2, y: 13 }, { x: 14.4, y: 15 }]],
    };
    for (const [name, strokes] of Object.entries(marks)) {
      await page.keyboard.press('Escape');
      await drawStrokes(page, strokes, { size: 28, via: 'mouse' });
      await page.keyboard.press('Enter');
      const shown = await settledPrediction(page);
      expect(shown, name).toMatchObject({ digit: null, blank: false, reason: 'not-a-digit' });
      expect(await api(page, (a) => a.prediction().probabilities.every((p) => p === 0)), name).toBe(true);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'game-tick-no-guess.png') });
    await page.close();
  });

  test('synthetic letters drawn with pointer events are answered "not a digit" by the model', async () => {
    const page = await newGame();
    await page.evaluate(() => window.handwrittenDigits?.ready());
    const letters = nonDigits(60, 1).filter((shape) => shape.kind === 'letter');
    const answers: string[] = [];
    for (const letter of letters) {
      await page.keyboard.press('Escape');
      await drawStrokes(page, letter.strokes.map((pen) => pen.map((p) => ({ x: p.gx, y: p.gy }))), { size: 28, via: 'events' });
      await page.keyboard.press('Enter');
      const shown = await settledPrediction(page);
      answers.push(`${letter.label}: ${shown.reason ?? String(shown.digit)}`);
    }
    const turnedAway = answers.filter((answer) => answer.endsWith('not-a-digit')).length;
    expect(turnedAway, answers.join(', ')).toBeGreaterThanOrEqual(letters.length / 3);
    await page.close();
  });

  test('predicts live while the pen is still down', async () => {
    const page = await newGame();
    await drawStrokes(page, [[{ x: 14, y: 4 }, { x: 14, y: 24 }]], { size: 28, via: 'events', pointerType: 'pen', holdLast: true });
    // no pointerup and no Classify: the throttled live prediction catches up with the stroke
    await page.waitForFunction(() => window.handwrittenDigits?.prediction().digit === 1, undefined, { timeout: 10_000 });
    await page.close();
  });

  test('Reset (button, Escape, Backspace) clears the grid and the guess', async () => {
    const page = await newGame();
    const rect = await gridRect(page);
    const scribble = [[{ x: 8, y: 6 }, { x: 20, y: 6 }, { x: 12, y: 22 }]];
    for (const how of ['button', 'Escape', 'Backspace']) {
      await drawStrokes(page, scribble);
      expect((await settledPrediction(page)).blank).toBe(false);
      // the Reset button sits right under the left half of the grid
      if (how === 'button') await page.mouse.click(rect.x + rect.width * 0.25, rect.y + rect.height + 45);
      else await page.keyboard.press(how);
      const after = await settledPrediction(page);
      expect(after, how).toMatchObject({ digit: null, blank: true });
    }
    await page.close();
  });

  test('?model=seed switches model and the label says so', async () => {
    const page = await newGame('?model=seed');
    expect(await api(page, (a) => a.modelName())).toBe('seed');
    expect(await api(page, (a) => a.modelLabel())).toContain('seed');
    expect(await api(page, (a) => a.message())).toBe('');
    await page.close();
  });

  test.each([
    { query: '?model=../../package.json', says: 'not a model name' },
    { query: '?model=https%3A%2F%2Fexample.com%2Fm.json', says: 'not a model name' },
    { query: '?model=nonesuch', says: 'no model named "nonesuch"' },
    { query: '?model=broken', says: 'could not be used' },
    { query: '?model=flat', says: 'could not be used' },
    { query: '?backend=quantum', says: 'unknown backend' },
  ])('$query shows a message and the default model still plays', async ({ query, says }) => {
    const page = await newGame(query);
    expect(await api(page, (a) => a.message())).toContain(says);
    expect(await api(page, (a) => a.modelName())).toBe('default');
    await drawStrokes(page, [[{ x: 14, y: 4 }, { x: 14, y: 24 }]]);
    const shown = await settledPrediction(page);
    expect(shown.blank).toBe(false);
    expect(shown.digit).toBe(1);
    if (query === '?model=flat') await page.screenshot({ path: join(SCREENSHOTS, config.id, 'game-bad-model.png') });
    await page.close();
  });

  // webgl here is SwiftShader (no GPU): it works but is ~100 ms per prediction, hence not the default
  test.each(['cpu', 'wasm', 'webgl'])('?backend=%s forces that backend', async (backend) => {
    const page = await newGame(`?backend=${backend}`);
    expect(await api(page, (a) => a.stats().backend)).toBe(backend);
    await page.close();
  });

  test('without the game\'s kernel (not served, or no WASM SIMD) tfjs reads instead, and digits are still read', async () => {
    const page = await browser.newPage({ width: 1280, height: 800 });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.route('**/kernels/conv.wasm', (route) => route.abort('failed'));
    await openGame(page, server.url);
    expect(await api(page, (a) => a.stats().backend)).toBe('wasm');
    expect(await page.evaluate(() => window.handwrittenDigits?.modelLabel())).toMatch(/ · WASM · /);
    await drawStrokes(page, [[{ x: 14, y: 4 }, { x: 14, y: 24 }]], { size: 28, via: 'mouse' });
    expect((await settledPrediction(page)).digit).toBe(1);
    await page.close();
  });

  test('phone portrait: the whole game fits and touch draws', async () => {
    const page = await newGame('', { width: 390, height: 844 });
    const rect = await gridRect(page);
    expect(rect.width).toBeGreaterThan(300);
    expect(rect.x).toBeGreaterThanOrEqual(0);
    expect(rect.x + rect.width).toBeLessThanOrEqual(390);
    await drawStrokes(page, [[{ x: 9, y: 7 }, { x: 19, y: 7 }, { x: 12, y: 23 }]], { size: 28, via: 'events', pointerType: 'touch' });
    expect((await settledPrediction(page)).blank).toBe(false);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('canvas') as Element).touchAction)).toBe('none');
    await page.screenshot({ path: join(SCREENSHOTS, config.id, 'game-phone.png') });
    await page.close();
  });

  test('no uncaught page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
