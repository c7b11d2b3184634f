import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../../scripts/server.ts';
import { REPO_ROOT } from '../../scripts/site.ts';
import { COLORS } from '../../game/shell/view/theme.ts';
import { BROWSER_CONFIGS, launchChromium, type Browser, skipReason, suiteTitle } from './harness.ts';
import { drawStrokes, openGame, settledPrediction, type DrawOptions } from '../../scripts/browser/draw.ts';
import { startGameServer } from './harness.ts';
import { MNIST_DIR, mnistTestDigitsAt, type LabelledDigit } from '../../scripts/browser/mnistDigits.ts';
import { brightShare, glyphShape, gridMismatches, luma, renderTexts, screenshotLuma, shapeDistance } from './screenPixels.ts';
import { traceStrokes } from '../../scripts/browser/strokes.ts';

const SCREENSHOTS = join(REPO_ROOT, 'test-results');
const SKIP_REASON = skipReason({ mnist: true });
/** MNIST test images of a 7, a 2, a 0 and a 4 (the first of their class): four unlike shapes. */
const DIGITS = [0, 1, 3, 4] as const;

const THRESHOLD = (luma(COLORS.card) + luma(COLORS.text)) / 2;

async function nextFrames(page: Page): Promise<void> {
  // the game renders on demand: two frames after the answer, it is on screen
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => { resolve(); }))));
}

describe.skipIf(SKIP_REASON !== null).each(BROWSER_CONFIGS)(suiteTitle('what the player sees, $name', SKIP_REASON), (config) => {
  let server: RunningServer;
  let browser: Browser;
  let digits: LabelledDigit[];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(join(SCREENSHOTS, config.id), { recursive: true });
    digits = await mnistTestDigitsAt(DIGITS, MNIST_DIR ?? '');
    server = await startGameServer();
    browser = await launchChromium(config);
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
    expect(pageErrors).toEqual([]);
  });

  async function newGame(query = ''): Promise<Page> {
    const page = await browser.newPage({ width: 1280, height: 800 });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await openGame(page, server.url + query);
    return page;
  }

  /** Draws `digit`, then checks grid, preview and big digit on a real screenshot. */
  async function drawAndLook(page: Page, digit: LabelledDigit, via: DrawOptions['via'], shotName: string): Promise<void> {
    await page.keyboard.press('Escape');
    await nextFrames(page);
    const blankShot = await screenshotLuma(page);
    const blankRegions = await page.evaluate(() => window.handwrittenDigits?.predictionRegions());
    if (blankRegions === undefined) throw new Error('no game');
    expect(brightShare(blankShot, blankRegions.preview, 128), 'preview after Reset').toBe(0);

    await drawStrokes(page, traceStrokes(digit.pixels, 28, 28), { size: 28, via });
    const shown = await settledPrediction(page);
    await nextFrames(page);
    const shot = await screenshotLuma(page);
    await page.screenshot({ path: join(SCREENSHOTS, config.id, shotName) });

    expect(await gridMismatches(page, shot), `#${digit.index}: grid cells on screen vs the grid`).toEqual([]);
    const regions = await page.evaluate(() => window.handwrittenDigits?.predictionRegions());
    if (regions === undefined) throw new Error('no game');
    const inked = brightShare(shot, regions.preview, 128);
    expect(inked, `#${digit.index}: share of the preview showing ink`).toBeGreaterThan(0.04);
    expect(inked).toBeLessThan(0.6);

    // the big digit against the page's own rendering of each digit in the same font
    expect(shown.digit).not.toBeNull();
    const suffix = shown.unsure ? '?' : '';
    const references = await renderTexts(page, Array.from({ length: 10 }, (_, d) => `${d}${suffix}`), "600 150px 'Open Sans'");
    const onScreen = glyphShape(shot, regions.digit, THRESHOLD);
    expect(onScreen, `#${digit.index}: no digit on screen`).not.toBeNull();
    const distances = references.map((image) => {
      const reference = glyphShape(image, { x: 0, y: 0, width: image.width, height: image.height }, 128);
      return reference === null || onScreen === null ? Infinity : shapeDistance(onScreen, reference);
    });
    const best = distances.indexOf(Math.min(...distances));
    expect(best, `#${digit.index}: prediction() says ${shown.digit}; distances ${distances.map((d) => d.toFixed(3)).join(' ')}`).toBe(shown.digit);
  }

  test('real MNIST digits drawn with the mouse: grid, preview and big digit on screen match the game', async () => {
    const page = await newGame();
    for (const digit of digits) await drawAndLook(page, digit, 'mouse', `render-${digit.label}.png`);
    await page.close();
  });

  test('the renderer is chosen on purpose and named next to the backend', async () => {
    const page = await newGame();
    // no GPU here: WebGL is either in software or off, and the canvas renderer draws
    expect(await page.evaluate(() => window.handwrittenDigits?.stats().renderer)).toBe('canvas');
    expect(await page.evaluate(() => window.handwrittenDigits?.modelLabel())).toMatch(/ · WASM SIMD · Canvas$/);
    await page.close();
  });

  test('?renderer=webgl is honoured where WebGL exists, and refused with a message where not', async () => {
    const page = await newGame('?renderer=webgl');
    const webgl = config.extraArgs.length === 0;
    expect(await page.evaluate(() => window.handwrittenDigits?.stats().renderer)).toBe(webgl ? 'webgl' : 'canvas');
    expect(await page.evaluate(() => window.handwrittenDigits?.message())).toBe(webgl ? '' : 'WebGL is not available here; drawing with Canvas');
    const first = digits[0];
    // the same checks with the other renderer; dispatched events, since software WebGL is slow to draw
    if (first !== undefined) await drawAndLook(page, first, 'events', 'render-forced-webgl.png');
    await page.close();
  });

  test('an unknown ?renderer= shows a message and the automatic choice plays', async () => {
    const page = await newGame('?renderer=opengl');
    expect(await page.evaluate(() => window.handwrittenDigits?.message())).toMatch(/unknown renderer "opengl"/);
    expect(await page.evaluate(() => window.handwrittenDigits?.stats().renderer)).toBe('canvas');
    const second = digits[1];
    if (second !== undefined) await drawAndLook(page, second, 'events', 'render-bad-query.png');
    await page.close();
  });
});
