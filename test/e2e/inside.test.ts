import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Rect } from '../../game/shell/layout/rect.ts';
import type { InsideSnapshot } from '../../game/shell/platform/api.ts';
import type { RunningServer } from '../../scripts/server.ts';
import { REPO_ROOT } from '../../scripts/site.ts';
import { BROWSER_CONFIGS, launchChromium, type Browser, skipReason, suiteTitle } from './harness.ts';
import { drawStrokes, openGame } from '../../scripts/browser/draw.ts';
import { MNIST_DIR, mnistTestDigitsAt, type LabelledDigit } from '../../scripts/browser/mnistDigits.ts';
import { traceStrokes } from '../../scripts/browser/strokes.ts';
import { startGameServer } from './harness.ts';

// The Inside mode in a real Chromium, with and without WebGL: a real MNIST 7 drawn with pointer
// events, read from the page's own pixels.

const SCREENSHOTS = join(REPO_ROOT, 'test-results');
const SKIP_REASON = skipReason({ mnist: true });
/** MNIST test image 0 is a 7; 1 is a 2 */
const SEVEN = 0;
const TWO = 1;

interface Rgb { readonly width: number; readonly data: Buffer }

async function screenshotRgb(page: Page, path?: string): Promise<Rgb> {
  const png = PNG.sync.read(await page.screenshot(path === undefined ? {} : { path }));
  return { width: png.width, data: png.data };
}

function pixel(shot: Rgb, x: number, y: number): [number, number, number] {
  const i = (Math.floor(y) * shot.width + Math.floor(x)) * 4;
  return [shot.data[i] ?? 0, shot.data[i + 1] ?? 0, shot.data[i + 2] ?? 0];
}

/** Mean absolute difference of two screenshots inside `rect`, per channel, 0..255. */
function difference(a: Rgb, b: Rgb, rect: Rect): number {
  let sum = 0;
  let n = 0;
  for (let y = Math.ceil(rect.y); y < rect.y + rect.height; y++) {
    for (let x = Math.ceil(rect.x); x < rect.x + rect.width; x++) {
      const p = pixel(a, x, y);
      const q = pixel(b, x, y);
      sum += Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) + Math.abs(p[2] - q[2]);
      n += 3;
    }
  }
  return sum / Math.max(1, n);
}

async function settledInside(page: Page): Promise<InsideSnapshot> {
  const snapshot = await page.evaluate(async () => window.handwrittenDigits?.settledInside());
  if (snapshot === undefined) throw new Error('no game');
  // the game renders on demand: two frames after the answer, it is on screen
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => { resolve(); }))));
  return snapshot;
}

async function regions(page: Page) {
  const r = await page.evaluate(() => window.handwrittenDigits?.insideRegions());
  if (r === undefined) throw new Error('no game');
  return r;
}

/** Pixels of the top guess's green (theme COLORS.sure, 0x5ee0a0) inside `rect`. */
function greenPixels(shot: Rgb, rect: Rect): number {
  let n = 0;
  for (let y = Math.ceil(rect.y); y < rect.y + rect.height; y++) {
    for (let x = Math.ceil(rect.x); x < rect.x + rect.width; x++) {
      const [r, g, b] = pixel(shot, x, y);
      if (Math.abs(r - 0x5e) + Math.abs(g - 0xe0) + Math.abs(b - 0xa0) < 60) n++;
    }
  }
  return n;
}

const centre = (r: Rect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

describe.skipIf(SKIP_REASON !== null).each(BROWSER_CONFIGS)(suiteTitle('the Inside mode, $name', SKIP_REASON), (config) => {
  let server: RunningServer;
  let browser: Browser;
  let digits: LabelledDigit[];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(join(SCREENSHOTS, config.id), { recursive: true });
    digits = await mnistTestDigitsAt([SEVEN, TWO], MNIST_DIR ?? '');
    server = await startGameServer();
    browser = await launchChromium(config);
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  async function insidePage(query: string, size: { width: number; height: number }): Promise<Page> {
    const page = await browser.newPage(size);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await openGame(page, server.url + query);
    await page.keyboard.press('i');
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'inside');
    await settledInside(page);
    return page;
  }

  test('draw a 7: layers named for a reader, the first layer\'s tiles change with the ink, the heat map covers the strokes, a tap on a map shows its filter and where it looks, the card is legible, Escape closes the top-most panel first', { timeout: 240_000 }, async () => {
    const page = await insidePage('', { width: 1280, height: 800 });
    const [seven, two] = digits;
    if (seven === undefined || two === undefined) throw new Error('no MNIST digits');
    const blank = await screenshotRgb(page);
    const start = await regions(page);
    const tile = start.firstTile;
    if (tile === null) throw new Error('the first layer is not on screen');
    // names a reader understands, from the layers' configs; a page of 16 maps large enough to see
    expect(start.titles).toEqual(expect.arrayContaining(['Convolution 2 · 48 filters 3x3 ➔ 48 maps 14x14', 'Pooling 2 · 2x2 ➔ 48 maps 7x7']));
    expect(start.outputTitle).toBe('Dense · 10 digits + not a digit');
    expect(start.pageTitle).toMatch(/^Convolution 1 · 32 filters 5x5 ➔ 32 maps 28x28 · maps 1–16 of 32/);
    expect(start.tiles).toHaveLength(16);
    expect(tile.width).toBeGreaterThanOrEqual(100);
    // a blank grid is read as nothing: no digit's label is green (the top guess's colour)
    const labels = start.bars.map((b) => ({ ...b, y: b.y + b.height * 0.75, height: b.height * 0.25 }));
    expect(labels.filter((r) => greenPixels(blank, r) > 0).length, 'green labels on a blank grid').toBe(0);

    await drawStrokes(page, traceStrokes(seven.pixels, 28, 28), { size: 28, via: 'mouse' });
    const read = await settledInside(page);
    const drawn = await screenshotRgb(page, join(SCREENSHOTS, config.id, 'inside-7.png'));
    expect(read.guess).toBe(7);
    expect(read.explained).toBe(7);
    expect(difference(blank, drawn, tile), 'first tile: blank vs the 7').toBeGreaterThan(8);

    // the heat map: on the inked cells only, nearly all of them, and tinted on screen
    const { grid } = await regions(page);
    const cells = await page.evaluate(() => window.handwrittenDigits?.gridCells());
    if (cells === undefined) throw new Error('no game');
    const inked = cells.cells.flatMap((v, i) => (v > 0 ? [i] : []));
    expect(read.heatCells.every((i) => (cells.cells[i] ?? 0) > 0)).toBe(true);
    expect(read.heatCells.length).toBeGreaterThan(inked.length * 0.8);
    const tinted = read.heatCells.filter((i) => {
      const [r, , b] = pixel(drawn, grid.x + ((i % 28) + 0.5) * grid.width / 28, grid.y + (Math.floor(i / 28) + 0.5) * grid.height / 28);
      return Math.abs(r - b) > 40;
    });
    expect(tinted.length, 'heat cells tinted orange or blue on screen').toBeGreaterThan(read.heatCells.length * 0.5);

    // another drawing, other responses
    await page.keyboard.press('Escape');
    await drawStrokes(page, traceStrokes(two.pixels, 28, 28), { size: 28, via: 'events' });
    expect((await settledInside(page)).guess).toBe(2);
    expect(difference(drawn, await screenshotRgb(page), tile), 'first tile: the 7 vs the 2').toBeGreaterThan(4);

    // "why not that one": tap the 7's bar
    const seventh = (await regions(page)).bars[7];
    if (seventh === undefined) throw new Error('no bar for 7');
    await page.mouse.click(centre(seventh).x, centre(seventh).y);
    const whyNot = await settledInside(page);
    expect([whyNot.guess, whyNot.explained]).toEqual([2, 7]);

    // a tap on a map's pixel: how it was computed, with the filter, and where it looks in the drawing
    await page.mouse.click(centre(tile).x, centre(tile).y);
    const probe = await page.evaluate(() => window.handwrittenDigits?.insideEnlarged());
    const shown = await regions(page);
    expect(probe).toMatchObject({ layer: shown.layers[0], title: 'Convolution 1 · 32 filters 5x5 ➔ 32 maps 28x28', index: 0, filter: { height: 5, width: 5, slices: 1 } });
    for (const at of [probe?.row, probe?.col]) expect([13, 14]).toContain(at);
    expect(probe?.story[1]).toMatch(/^= the 5x5 patch of the input the model sees times this map's 5x5 filter, summed/);
    const field = probe?.field;
    if (field == null) throw new Error('no receptive field outlined');
    expect(field.x).toBeGreaterThanOrEqual(0);
    expect(field.x + field.width).toBeLessThanOrEqual(28);
    expect(field.width).toBeGreaterThan(1);
    expect(field.width).toBeLessThan(10);
    expect(shown.textPx.detail).toBeGreaterThanOrEqual(12);
    await page.screenshot({ path: join(SCREENSHOTS, config.id, 'inside-tile.png') });

    // the card over the detail; Escape closes the card, then the detail, and only then clears the drawing
    const card = shown.card;
    await page.mouse.click(centre(card).x, centre(card).y);
    const lines = await page.evaluate(() => window.handwrittenDigits?.insideCard());
    const shipped = JSON.parse(readFileSync('assets/models/default/metadata.json', 'utf8')) as { testAccuracy: number };
    expect(lines?.[1]).toBe(`MNIST test accuracy ${(shipped.testAccuracy * 100).toFixed(2)} %`);
    expect((await regions(page)).textPx.card).toBeGreaterThanOrEqual(12);
    await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => { resolve(); }))));
    await page.screenshot({ path: join(SCREENSHOTS, config.id, 'inside-card.png') });
    const inkedCells = async () => (await page.evaluate(() => window.handwrittenDigits?.gridCells()))?.cells.filter((v) => v > 0).length ?? 0;
    const drawnCells = await inkedCells();
    expect(drawnCells).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => window.handwrittenDigits?.insideCard())).toBeNull();
    expect((await page.evaluate(() => window.handwrittenDigits?.insideEnlarged()))?.index).toBe(0);
    expect(await inkedCells()).toBe(drawnCells);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => window.handwrittenDigits?.insideEnlarged())).toBeNull();
    expect(await inkedCells()).toBe(drawnCells);
    const tensors = await page.evaluate(() => window.handwrittenDigits?.stats().numTensors);
    await page.keyboard.press('Escape');
    expect(await inkedCells()).toBe(0);
    await drawStrokes(page, traceStrokes(seven.pixels, 28, 28), { size: 28, via: 'events' });
    await settledInside(page);
    expect(await page.evaluate(() => window.handwrittenDigits?.stats().numTensors)).toBe(tensors);
    await page.close();
  });

  test('?model=seed on a phone: seed\'s layers, paged to fit, touch draws, the card is seed\'s', { timeout: 240_000 }, async () => {
    const phone = { width: 390, height: 844 };
    const page = await insidePage('?model=seed', phone);
    const [seven] = digits;
    if (seven === undefined) throw new Error('no MNIST digits');
    await drawStrokes(page, traceStrokes(seven.pixels, 28, 28), { size: 28, via: 'events', pointerType: 'touch' });
    expect((await settledInside(page)).guess).toBe(7);
    const r = await regions(page);
    expect(r.layers).toEqual(['conv2d_Conv2D1', 'max_pooling2d_MaxPooling2D1']);
    expect(r.titles).toEqual(['Convolution · 64 filters 3x3 ➔ 64 maps 26x26', 'Pooling · 2x2 ➔ 64 maps 13x13', 'Dense · 128 units', 'Dense · 10 digits']);
    for (const rect of [r.grid, r.card, ...r.bars]) {
      expect(rect.x).toBeGreaterThanOrEqual(0);
      expect(rect.x + rect.width).toBeLessThanOrEqual(phone.width + 0.5);
      expect(rect.y + rect.height).toBeLessThanOrEqual(phone.height + 0.5);
    }
    await page.screenshot({ path: join(SCREENSHOTS, config.id, 'inside-phone-seed.png') });
    await page.mouse.click(centre(r.card).x, centre(r.card).y);
    expect((await page.evaluate(() => window.handwrittenDigits?.insideCard()))?.[1]).toBe('MNIST test accuracy 99.00 %');
    expect((await regions(page)).textPx.card).toBeGreaterThanOrEqual(12);
    await page.screenshot({ path: join(SCREENSHOTS, config.id, 'inside-phone-card.png') });
    await page.close();
  });

  test('a phone pages the default model\'s layers', { timeout: 120_000 }, async () => {
    const page = await insidePage('', { width: 390, height: 844 });
    const [seven] = digits;
    if (seven === undefined) throw new Error('no MNIST digits');
    await drawStrokes(page, traceStrokes(seven.pixels, 28, 28), { size: 28, via: 'events', pointerType: 'touch' });
    await settledInside(page);
    expect((await regions(page)).pages).toBeGreaterThan(1);
    await page.screenshot({ path: join(SCREENSHOTS, config.id, 'inside-phone.png') });
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
