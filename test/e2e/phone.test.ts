import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IMAGE_SIZE } from '../../common/digit.ts';
import { computeFreeLayout } from '../../game/shell/layout/rect.ts';
import { COLORS } from '../../game/shell/view/theme.ts';
import { PHONE } from '../../scripts/browser/browser.ts';
import { drawStrokes, openGame } from '../../scripts/browser/draw.ts';
import { MNIST_DIR, mnistTestDigitsAt, type LabelledDigit } from '../../scripts/browser/mnistDigits.ts';
import { traceStrokes } from '../../scripts/browser/strokes.ts';
import type { RunningServer } from '../../scripts/server.ts';
import { REPO_ROOT } from '../../scripts/site.ts';
import { BROWSER_CONFIGS, launchChromium, skipReason, startGameServer, suiteTitle, type Browser } from './harness.ts';
import { luma, meanEdgeWidth, screenshotLuma } from './screenPixels.ts';

const SCREENSHOTS = join(REPO_ROOT, '.tmp-scratch');
const SKIP_REASON = skipReason({ models: true, mnist: true });

async function api<T>(page: Page, read: (api: NonNullable<Window['handwrittenDigits']>) => T | Promise<T>): Promise<T> {
  return page.evaluate<T>(`(${read.toString()})(window.handwrittenDigits)`);
}

describe.skipIf(SKIP_REASON !== null).each(BROWSER_CONFIGS)(suiteTitle('a 390x844 phone at 3x in Chromium, $name', SKIP_REASON), (config) => {
  let server: RunningServer;
  let phone: Browser;
  let digit: LabelledDigit;

  beforeAll(async () => {
    await mkdir(join(SCREENSHOTS, config.id), { recursive: true });
    // MNIST test image #0, a clear 7
    [digit] = await mnistTestDigitsAt([0], MNIST_DIR ?? '') as [LabelledDigit];
    server = await startGameServer();
    phone = await launchChromium(config, PHONE);
  });
  afterAll(async () => {
    await phone.close();
    await server.close();
  });

  test('free draw\'s title is drawn at the screen\'s resolution: sharp edges, where ?resolution=1 blurs them', { timeout: 60_000 }, async () => {
    // the title's line, left of the Menu button, in device pixels
    const title = computeFreeLayout(PHONE.width, PHONE.height).title;
    const scale = PHONE.devicePixelRatio;
    const rect = { x: title.x * scale, y: title.y * scale, width: title.width * 0.55 * scale, height: title.height * scale };
    const edges: Record<string, { edges: number; width: number; resolution: number }> = {};
    for (const query of ['', '?resolution=1']) {
      const page = await phone.newPage();
      await openGame(page, `${server.url}${query}`);
      await page.waitForTimeout(200);
      const shot = await screenshotLuma(page);
      expect(shot.width).toBe(PHONE.width * scale);
      const resolution = await api(page, (a) => a.stats().resolution);
      edges[query] = { ...meanEdgeWidth(shot, rect, luma(COLORS.background), luma(COLORS.text)), resolution };
      await page.screenshot({ path: join(SCREENSHOTS, config.id, `phone-free${query === '' ? '' : '-1x'}.png`) });
      await page.close();
    }
    console.log(`phone title edges: ${JSON.stringify(edges)}`);
    const sharp = edges[''];
    const blurred = edges['?resolution=1'];
    expect(sharp?.resolution).toBe(3);
    expect(blurred?.resolution).toBe(1);
    // "Handwritten digits" has dozens of vertical stems: enough edges to average
    expect(sharp?.edges).toBeGreaterThan(40);
    expect(blurred?.edges).toBeGreaterThan(40);
    // the check that fails at resolution 1: edges of about one device pixel, not about three
    expect(sharp?.width).toBeLessThan(1.2);
    expect(blurred?.width).toBeGreaterThan(1.6);
  });

  test('touch: the prediction card says to tap the digit meant, a tap on its bar saves the drawing; a mouse gets the keys and a click', { timeout: 60_000 }, async () => {
    const page = await phone.newPage();
    await openGame(page, server.url);
    expect(await api(page, (a) => a.meantHint())).toBe('Misread? Tap the digit you meant');
    // the hint follows the pointer last pressed: a mouse plugged into the phone, then a finger again
    const stroke = [[{ x: 14, y: 6 }, { x: 14, y: 22 }]];
    await drawStrokes(page, stroke, { size: IMAGE_SIZE, via: 'events', pointerType: 'mouse' });
    await page.waitForFunction(() => window.handwrittenDigits?.meantHint() === 'Misread? Press 0-9 or click a bar');
    await page.keyboard.press('Escape');
    await drawStrokes(page, stroke, { size: IMAGE_SIZE, via: 'events', pointerType: 'touch' });
    await page.waitForFunction(() => window.handwrittenDigits?.meantHint() === 'Misread? Tap the digit you meant');
    await page.keyboard.press('Escape');
    await drawStrokes(page, traceStrokes(digit.pixels, IMAGE_SIZE, IMAGE_SIZE), { size: IMAGE_SIZE, via: 'events', pointerType: 'touch' });
    const read = (await api(page, (a) => a.settled())).digit;
    // a digit it did not read is saved at the first tap
    const meant = read === 1 ? 2 : 1;
    const target = await page.evaluate((d) => window.handwrittenDigits?.barRect(d), meant);
    if (target === undefined) throw new Error('no bar');
    await page.touchscreen.tap(target.x + target.width / 2, target.y + target.height / 2);
    await page.waitForFunction(() => (window.handwrittenDigits?.personal().examples ?? 0) > 0, undefined, { timeout: 10_000 });
    expect((await api(page, (a) => a.personal())).perDigit[meant]).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, config.id, 'phone-free-hint.png') });
    await page.close();
  });

  test('touch: a challenge summary names the digit meant with a tap on its digit button', { timeout: 90_000 }, async () => {
    const page = await phone.newPage();
    await page.goto(`${server.url}?rounds=1&seconds=4`);
    await page.waitForFunction(() => window.handwrittenDigits !== undefined, undefined, { timeout: 30_000 });
    await page.evaluate(async () => window.handwrittenDigits?.ready());
    await api(page, (a) => a.personalReady());
    // the profile is the suite's: the free-draw test may have saved a digit already
    const before = await api(page, (a) => a.personal());
    await page.keyboard.press('c');
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'challenge');
    await drawStrokes(page, traceStrokes(digit.pixels, IMAGE_SIZE, IMAGE_SIZE), { size: IMAGE_SIZE, via: 'events', pointerType: 'touch' });
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'summary', undefined, { timeout: 30_000 });
    const seen = await page.evaluate(() => {
      const mode = window.handwrittenDigits?.mode() as { results?: readonly { seen: { guess: { digit: number } } | null }[] } | undefined;
      return mode?.results?.[0]?.seen?.guess.digit ?? null;
    });
    // a digit it did not read is saved at the first tap
    const meant = seen === 1 ? 2 : 1;
    const button = await page.locator('.hd-buttons button', { hasText: `I meant ${meant}` }).boundingBox();
    if (button === null) throw new Error(`no "I meant ${meant}" button`);
    expect(Math.min(button.width, button.height)).toBeGreaterThanOrEqual(40);
    await page.touchscreen.tap(button.x + button.width / 2, button.y + button.height / 2);
    await page.waitForFunction((n) => (window.handwrittenDigits?.personal().examples ?? 0) > n, before.examples, { timeout: 10_000 });
    expect((await api(page, (a) => a.personal())).perDigit[meant]).toBe((before.perDigit[meant] ?? 0) + 1);
    expect((await api(page, (a) => a.mode())).kind).toBe('summary');
    await page.screenshot({ path: join(SCREENSHOTS, config.id, 'phone-summary-digits.png') });
    await page.close();
  });

});
