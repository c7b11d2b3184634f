import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createGrid } from '../../common/ink/grid.ts';
import { drawPath, placedPath, type PenStrokes } from '../../common/pen/penPath.ts';
import type { ModeReport } from '../../game/shell/state/modeReport.ts';
import { loadPenFile, resolvePenDir, samplesOf, writerParts, type PenSample } from '../../ml/data/pen.ts';
import { standardPlacement } from '../../ml/data/penImages.ts';
import type { RunningServer } from '../../scripts/server.ts';
import { drawStrokes, gridRect, openGame, settledPrediction } from '../../scripts/browser/draw.ts';
import { BROWSER_CONFIGS, launchChromium, skipReason, startGameServer, suiteTitle, type Browser } from './harness.ts';

// Real pen handwriting (UNIPEN, CC BY 4.0) of writers the shipped default was never trained on,
// drawn into the running game with pointer events: the cells the game inks are the cells training
// and evaluation ink for the same path, and letters win no challenge round while digits still do.
const PEN_DIR = resolvePenDir({});
const SKIP_REASON = skipReason({ models: true }) ?? (PEN_DIR === undefined ? 'needs PEN_DIR' : null);
const VIEWPORT = { width: 960, height: 640 };

type Drawing = { x: number; y: number }[][];

/** The path fitted as evaluation draws it (20 cells, centred), as integer screen points on the page's grid. */
function onScreen(strokes: PenStrokes, rect: { x: number; y: number; width: number; height: number }): Drawing {
  return placedPath(strokes, standardPlacement(strokes)).map((points) =>
    points.map(({ gx, gy }) => ({ x: Math.round(rect.x + (gx / 28) * rect.width), y: Math.round(rect.y + (gy / 28) * rect.height) })));
}

async function mode(page: Page): Promise<ModeReport> {
  return (await page.evaluate(() => window.handwrittenDigits?.mode())) as ModeReport;
}

describe.skipIf(SKIP_REASON !== null)(suiteTitle('real pen handwriting in Chromium', SKIP_REASON), () => {
  let server: RunningServer;
  let browser: Browser;
  let digits: PenSample[];
  let letters: PenSample[];
  const config = BROWSER_CONFIGS[0];

  beforeAll(async () => {
    if (PEN_DIR === undefined || config === undefined) throw new Error('unreachable');
    const [allDigits, allLetters] = await Promise.all([loadPenFile(PEN_DIR, 'digits'), loadPenFile(PEN_DIR, 'letters')]);
    const parts = writerParts(allDigits);
    digits = samplesOf(allDigits, parts, 'test');
    letters = samplesOf(allLetters, parts, 'test');
    server = await startGameServer();
    browser = await launchChromium(config);
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  test('the game inks a pen path drawn with the mouse exactly as training draws it', { timeout: 240_000 }, async () => {
    const page = await browser.newPage(VIEWPORT);
    await openGame(page, server.url);
    const rect = await gridRect(page);
    const samples = [digits.find((s) => s.label === 4), digits.find((s) => s.label === 8), letters.find((s) => s.label === 'A')];
    for (const sample of samples) {
      if (sample === undefined) throw new Error('no such sample among the test writers');
      await page.keyboard.press('Escape');
      const drawing = onScreen(sample.strokes, rect);
      await drawStrokes(page, drawing.map((stroke) => stroke.map((p) => ({ x: ((p.x - rect.x) / rect.width) * 28, y: ((p.y - rect.y) / rect.height) * 28 }))), { size: 28, via: 'mouse' });
      const shown = await page.evaluate(() => window.handwrittenDigits?.gridCells());
      // the same screen points, taken back to grid coordinates as the page's pointer input does
      const expected = createGrid(28, 28);
      drawPath(expected, drawing.map((stroke) => stroke.flatMap((p) => [((p.x - rect.x) / rect.width) * 28, ((p.y - rect.y) / rect.height) * 28])), { scale: 1, dx: 0, dy: 0 });
      const cells = shown?.cells ?? [];
      expect(cells).toHaveLength(28 * 28);
      const worst = Math.max(...cells.map((v, i) => Math.abs(v - (expected.cells[i] ?? 0))));
      expect(worst, `label ${String(sample.label)}`).toBeLessThan(1e-4);
      expect(expected.cells.some((v) => v > 0.9)).toBe(true);
    }
    await page.close();
  });

  test('a drawn "h" or "A" wins no challenge round; a drawn digit still does', { timeout: 300_000 }, async () => {
    const page = await browser.newPage(VIEWPORT);
    await page.goto(`${server.url}?rounds=1&seconds=none`);
    await page.waitForFunction(() => window.handwrittenDigits !== undefined, undefined, { timeout: 30_000 });
    await page.evaluate(async () => window.handwrittenDigits?.ready());
    await page.keyboard.press('c');
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'challenge');
    const start = await mode(page);
    if (start.kind !== 'challenge') throw new Error('no challenge');
    const rect = await gridRect(page);
    const toGrid = (drawing: Drawing) => drawing.map((stroke) => stroke.map((p) => ({ x: ((p.x - rect.x) / rect.width) * 28, y: ((p.y - rect.y) / rect.height) * 28 })));
    // the first three of each letter among the test writers, whichever they are
    const tried = ['h', 'A'].flatMap((letter) => letters.filter((s) => s.label === letter).slice(0, 3));
    expect(tried).toHaveLength(6);
    for (const sample of tried) {
      await page.keyboard.press('Escape');
      await drawStrokes(page, toGrid(onScreen(sample.strokes, rect)), { size: 28, via: 'events' });
      await settledPrediction(page);
      await page.waitForTimeout(100);
      expect(await mode(page), `letter ${String(sample.label)}`).toMatchObject({ kind: 'challenge', round: 1, phase: 'drawing', results: [] });
    }
    let won = false;
    for (const sample of digits.filter((s) => s.label === start.target).slice(0, 5)) {
      await page.keyboard.press('Escape');
      await drawStrokes(page, toGrid(onScreen(sample.strokes, rect)), { size: 28, via: 'events' });
      await settledPrediction(page);
      await page.waitForTimeout(100);
      const now = await mode(page);
      if (now.kind !== 'challenge' || now.phase !== 'drawing') {
        won = true;
        break;
      }
    }
    expect(won, `a pen ${start.target} won the round`).toBe(true);
    await page.close();
  });
});
