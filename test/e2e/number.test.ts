import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IMAGE_SIZE } from '../../common/digit.ts';
import type { NumberReport } from '../../game/shell/state/numberReport.ts';
import { computeNumberLayout } from '../../game/modes/number/layout/numberLayout.ts';
import { computeMenuLayout } from '../../game/modes/menu/layout/menuLayout.ts';
import type { RunningServer } from '../../scripts/server.ts';
import { REPO_ROOT } from '../../scripts/site.ts';
import { BROWSER_CONFIGS, launchChromium, type Browser, skipReason, suiteTitle } from './harness.ts';
import { drawStrokes, gridRect, type DrawOptions } from '../../scripts/browser/draw.ts';
import { startGameServer } from './harness.ts';
import { MNIST_DIR, mnistTestDigitsAt, type LabelledDigit } from '../../scripts/browser/mnistDigits.ts';
import { traceStrokes } from '../../scripts/browser/strokes.ts';

const SCREENSHOTS = join(REPO_ROOT, '.tmp-scratch');
const SKIP_REASON = skipReason({ models: true, mnist: true });

/** The Number mode's grid, in cells (game/main.ts). */
const COLUMNS = 4 * IMAGE_SIZE;
/**
 * "2026" from MNIST test images #47 (2), #10 (0), #35 (2), #88 (6): clear examples, each among the
 * most confidently read of its class by the default model alone (checked before and after its
 * temperature calibration), and read as "2026" by common/segmentation/readNumber.ts when their original pixels
 * are put side by side.
 */
const DIGITS_2026 = [47, 10, 35, 88] as const;

async function api<T>(page: Page, read: (api: NonNullable<Window['handwrittenDigits']>) => T | Promise<T>): Promise<T> {
  return page.evaluate<T>(`(${read.toString()})(window.handwrittenDigits)`);
}

/**
 * Each digit in its own quarter of the wide grid, as a player writes a number left to right; or,
 * with `pitch`, each digit's 28 columns that many columns right of the previous one's, from column 10.
 */
async function writeNumber(page: Page, digits: readonly LabelledDigit[], how: Pick<DrawOptions, 'via' | 'pointerType'>, pitch?: number): Promise<void> {
  for (const [i, digit] of digits.entries()) {
    await drawStrokes(page, traceStrokes(digit.pixels, IMAGE_SIZE, IMAGE_SIZE), {
      ...how,
      size: IMAGE_SIZE,
      span: { width: COLUMNS, height: IMAGE_SIZE },
      offset: { x: pitch === undefined ? i * IMAGE_SIZE : 10 + i * pitch, y: 0 },
    });
  }
}

/** Waits for the live reading (no Classify press) to show `text`; returns what the page reports. */
async function waitForNumber(page: Page, text: string): Promise<NumberReport> {
  await page.waitForFunction((t) => window.handwrittenDigits?.number().text === t, text, { timeout: 30_000 })
    .catch(async () => {
      throw new Error(`number read is ${JSON.stringify(await api(page, (a) => a.number().text))}, waited for "${text}"`);
    });
  return api(page, (a) => a.settledNumber());
}

function expectBoxesInOrder(report: NumberReport): void {
  for (const [i, d] of report.digits.entries()) {
    // each digit's box lies in the quarter it was written in, and they do not overlap
    expect(d.box.x0, `digit ${i}`).toBeGreaterThanOrEqual(i * IMAGE_SIZE);
    expect(d.box.x1, `digit ${i}`).toBeLessThan((i + 1) * IMAGE_SIZE);
    expect(d.box.y0).toBeGreaterThanOrEqual(0);
    expect(d.box.y1).toBeLessThan(IMAGE_SIZE);
    expect(d.box.y1 - d.box.y0).toBeGreaterThan(10);
    expect(d.confidence).toBeGreaterThan(0.5);
    const previous = report.digits[i - 1];
    if (previous !== undefined) expect(d.box.x0).toBeGreaterThan(previous.box.x1);
  }
}

describe.skipIf(SKIP_REASON !== null).each(BROWSER_CONFIGS)(
  suiteTitle('the Number mode in Chromium, $name', SKIP_REASON),
  (config) => {
    let server: RunningServer;
    let browser: Browser;
    let digits: LabelledDigit[] = [];
    const pageErrors: string[] = [];

    async function openMenu(viewport: { width: number; height: number }): Promise<Page> {
      const page = await browser.newPage(viewport);
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(server.url);
      await page.waitForFunction(() => window.handwrittenDigits !== undefined, undefined, { timeout: 30_000 });
      await page.evaluate(async () => window.handwrittenDigits?.ready());
      expect(await api(page, (a) => a.mode())).toMatchObject({ kind: 'menu' });
      return page;
    }

    beforeAll(async () => {
      await mkdir(join(SCREENSHOTS, config.id), { recursive: true });
      digits = await mnistTestDigitsAt(DIGITS_2026, MNIST_DIR ?? '');
      expect(digits.map((d) => d.label).join('')).toBe('2026');
      server = await startGameServer();
      browser = await launchChromium(config);
    });
    afterAll(async () => {
      await browser.close();
      await server.close();
    });

    test('desktop: the menu button opens it; "2026" written stroke by stroke reads live as 2026; Reset clears', { timeout: 180_000 }, async () => {
      const size = { width: 1280, height: 800 };
      const page = await openMenu(size);
      // the Number button, clicked where the menu lays it out
      const buttons = await api(page, (a) => a.menuButtons());
      const index = buttons.findIndex((b) => b.text === 'Number');
      const button = computeMenuLayout(size.width, size.height, buttons.length).buttons[index];
      if (button === undefined) throw new Error('no Number menu button');
      await page.mouse.click(button.x + button.width / 2, button.y + button.height / 2);
      await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'number');
      expect(await api(page, (a) => a.mode())).toEqual({ kind: 'number' });
      expect(await api(page, (a) => a.number())).toEqual({ text: '', digits: [] });
      // the shipped piece verifier loads after the digit model and takes part in every reading
      await page.waitForFunction(() => window.handwrittenDigits?.stats().pieceVerifier === true, undefined, { timeout: 30_000 });
      const rect = await gridRect(page);
      expect(rect.width / rect.height).toBeCloseTo(COLUMNS / IMAGE_SIZE, 1);
      expect(rect.width).toBeGreaterThan(size.width * 0.8);
      const tensorsBefore = await api(page, (a) => a.stats().numTensors);

      const started = Date.now();
      await writeNumber(page, digits, { via: 'mouse' });
      const drawn = Date.now();
      const report = await waitForNumber(page, '2026');
      console.log(`number: drawn in ${drawn - started} ms, read live ${Date.now() - drawn} ms later: ` +
        report.digits.map((d) => `${d.digit} ${(d.confidence * 100).toFixed(0)}% [${d.box.x0}..${d.box.x1}]`).join(', '));
      expect(report.text).toBe('2026');
      expect(report.digits.map((d) => d.digit)).toEqual([2, 0, 2, 6]);
      expectBoxesInOrder(report);
      expect(await api(page, (a) => a.mode())).toEqual({ kind: 'number' });
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(SCREENSHOTS, config.id, 'number-2026.png') });

      // Reset, under the grid's left end
      const reset = computeNumberLayout(size.width, size.height, COLUMNS, IMAGE_SIZE).reset;
      await page.mouse.click(reset.x + reset.width / 2, reset.y + reset.height / 2);
      expect(await api(page, (a) => a.settledNumber())).toEqual({ text: '', digits: [] });
      expect(await api(page, (a) => a.number())).toEqual({ text: '', digits: [] });
      // readings do not leak tensors
      expect(await api(page, (a) => a.stats().numTensors)).toBe(tensorsBefore);

      // Escape clears as in the other drawing modes; M goes back to the menu, where F opens free draw
      await writeNumber(page, digits.slice(0, 1), { via: 'events' });
      expect((await api(page, (a) => a.settledNumber())).text).toBe('2');
      await page.keyboard.press('Escape');
      expect(await api(page, (a) => a.number())).toEqual({ text: '', digits: [] });
      await page.keyboard.press('m');
      await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'menu');
      await page.keyboard.press('f');
      await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'free');
      const freeRect = await gridRect(page);
      expect(freeRect.width).toBeCloseTo(freeRect.height, 0);
      await page.close();
    });

    test('a lone speck or a short dash on the empty wide grid, drawn with the mouse, reads as no number', { timeout: 120_000 }, async () => {
      const page = await openMenu({ width: 1280, height: 800 });
      await page.keyboard.press('n');
      await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'number');
      const wide = { size: IMAGE_SIZE, span: { width: COLUMNS, height: IMAGE_SIZE }, via: 'mouse' } as const;
      for (const [name, strokes] of [
        ['speck', [[{ x: 50, y: 14 }]]],
        ['dash', [[{ x: 40, y: 14 }, { x: 42, y: 14.2 }, { x: 44, y: 14.5 }]]],
      ] as const) {
        await page.keyboard.press('Escape');
        await drawStrokes(page, strokes, wide);
        expect(await api(page, (a) => a.settledNumber()), name).toEqual({ text: '', digits: [] });
      }
      await page.close();
    });

    test('touching: the same digits written 16 columns apart, every neighbour touching, still read 2026', { timeout: 120_000 }, async () => {
      const page = await openMenu({ width: 1280, height: 800 });
      await page.keyboard.press('n');
      await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'number');
      await page.waitForFunction(() => window.handwrittenDigits?.stats().pieceVerifier === true, undefined, { timeout: 30_000 });
      await writeNumber(page, digits, { via: 'mouse' }, 16);
      const report = await waitForNumber(page, '2026');
      console.log(`touching number: ${report.digits.map((d) => `${d.digit} ${(d.confidence * 100).toFixed(0)}% [${d.box.x0}..${d.box.x1}]`).join(', ')}`);
      // the digits' boxes meet or overlap: this reading needed cuts through ink, not gaps
      for (const [i, d] of report.digits.entries()) {
        const previous = report.digits[i - 1];
        if (previous !== undefined) expect(d.box.x0, `digit ${i}`).toBeLessThanOrEqual(previous.box.x1 + 1);
        expect(d.confidence).toBeGreaterThan(0.5);
      }
      await page.screenshot({ path: join(SCREENSHOTS, config.id, 'number-touching.png') });
      await page.close();
    });

    test('phone portrait: N opens it, the grid shows as two lines across the phone, touch writes 2026', { timeout: 120_000 }, async () => {
      const size = { width: 390, height: 844 };
      const page = await openMenu(size);
      await page.keyboard.press('n');
      await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'number');
      const rect = await gridRect(page);
      expect(rect.x).toBeGreaterThanOrEqual(0);
      expect(rect.x + rect.width).toBeLessThanOrEqual(size.width);
      // one line of four digits was 351 x 88 px with half the screen empty: two lines of two digits
      // span the width, with cells twice as large, and take more than a third of the height
      const fold = await api(page, (a) => a.gridFold());
      expect(fold.lines).toBe(2);
      expect(rect.width).toBeGreaterThan(size.width * 0.85);
      expect(rect.height).toBeGreaterThan(size.height / 3);
      expect((rect.height - fold.gap) / 2 / IMAGE_SIZE).toBeCloseTo(rect.width / (COLUMNS / 2), 5);
      await writeNumber(page, digits, { via: 'events', pointerType: 'touch' });
      const report = await waitForNumber(page, '2026');
      expectBoxesInOrder(report);
      await page.screenshot({ path: join(SCREENSHOTS, config.id, 'number-phone.png') });

      // a stroke along the first line that runs off its right end inks that line only: nothing
      // appears at the start of the second line, whose columns follow on in the grid
      await page.keyboard.press('Escape');
      const lineHeight = (rect.height - fold.gap) / 2;
      const y = rect.y + lineHeight / 2;
      await page.evaluate(({ from, to }) => {
        const canvas = document.querySelector('canvas');
        const fire = (type: string, p: { x: number; y: number }): void => {
          canvas?.dispatchEvent(new PointerEvent(type, { clientX: p.x, clientY: p.y, pointerId: 2, pointerType: 'touch', isPrimary: true,
            button: type === 'pointermove' ? -1 : 0, buttons: type === 'pointerup' ? 0 : 1, bubbles: true, cancelable: true }));
        };
        fire('pointerdown', from);
        for (let i = 1; i <= 10; i++) fire('pointermove', { x: from.x + ((to.x - from.x) * i) / 10, y: from.y });
        fire('pointerup', to);
      }, { from: { x: rect.x + rect.width * 0.8, y }, to: { x: rect.x + rect.width + 12, y } });
      const cells = await api(page, (a) => a.gridCells());
      const inkIn = (from: number, to: number): number => {
        let ink = 0;
        for (let gy = 0; gy < cells.height; gy++) for (let gx = from; gx < to; gx++) ink += cells.cells[gy * cells.width + gx] ?? 0;
        return ink;
      };
      expect(inkIn(COLUMNS / 2 - 8, COLUMNS / 2)).toBeGreaterThan(5);
      expect(inkIn(COLUMNS / 2, COLUMNS / 2 + 8)).toBe(0);
      await page.close();
    });

    test('no uncaught page errors', () => {
      expect(pageErrors).toEqual([]);
    });
  },
);
