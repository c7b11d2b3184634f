import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../../scripts/server.ts';
import { REPO_ROOT } from '../../scripts/site.ts';
import { drawStrokes, openGame, settledPrediction, type DrawOptions } from '../../scripts/browser/draw.ts';
import { mnistTestDigitsAt, type LabelledDigit } from '../../scripts/browser/mnistDigits.ts';
import { traceStrokes } from '../../scripts/browser/strokes.ts';
import { launchChromium, MNIST_DIR, skipReason, startGameServer, suiteTitle, type Browser } from './harness.ts';
import { brightShare, gridMismatches, screenshotLuma } from './screenPixels.ts';

/**
 * A smoke test of the WebGL renderer. Both e2e browser configurations end on the canvas renderer
 * (no GPU: WebGL runs in software, or is switched off), so the other suites check canvas drawing;
 * this one forces ?renderer=webgl and draws real MNIST digits on it. Two digits only: software
 * WebGL is slow, and the checks are about the renderer, not the model.
 */

const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'webgl');
const SKIP_REASON = skipReason({ models: true, mnist: true });
/** MNIST test images #2 (a 1) and #7 (a 9): a thin stroke and a closed loop. */
const DIGITS = [2, 7] as const;

describe.skipIf(SKIP_REASON !== null)(suiteTitle('drawing on WebGL (?renderer=webgl)', SKIP_REASON), () => {
  let server: RunningServer;
  let browser: Browser;
  let digits: LabelledDigit[];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    digits = await mnistTestDigitsAt(DIGITS, MNIST_DIR ?? '');
    server = await startGameServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
    expect(pageErrors).toEqual([]);
  });

  test('MNIST digits drawn with pointer events are read right, and the grid on screen shows the ink', { timeout: 240_000 }, async () => {
    const page = await browser.newPage({ width: 960, height: 640 });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await openGame(page, `${server.url}?renderer=webgl`);
    expect(await page.evaluate(() => window.handwrittenDigits?.stats().renderer), 'WebGL was refused: this suite needs Chromium with WebGL').toBe('webgl');
    expect(await page.evaluate(() => window.handwrittenDigits?.message())).toBe('');

    // the browser's own mouse for the first (trusted input), dispatched PointerEvents for the second
    const ways: readonly DrawOptions['via'][] = ['mouse', 'events'];
    for (const [i, digit] of digits.entries()) {
      await page.keyboard.press('Escape');
      await drawStrokes(page, traceStrokes(digit.pixels, 28, 28), { size: 28, via: ways[i] ?? 'events' });
      const shown = await settledPrediction(page);
      expect(shown.digit, `MNIST test #${digit.index}`).toBe(digit.label);
      // rendered on demand: two frames after the answer it is on screen
      await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => { resolve(); }))));
      const shot = await screenshotLuma(page);
      await page.screenshot({ path: join(SCREENSHOTS, `webgl-${digit.label}.png`) });
      expect(await gridMismatches(page, shot), `#${digit.index}: grid cells on screen vs the grid`).toEqual([]);
      const regions = await page.evaluate(() => window.handwrittenDigits?.predictionRegions());
      if (regions === undefined) throw new Error('no game');
      expect(brightShare(shot, regions.preview, 128), `#${digit.index}: share of the preview showing ink`).toBeGreaterThan(0.04);
    }
    await page.close();
  });
});
