import type { Page } from 'playwright-core';
import { screenOfCell, type GridFold } from '../../game/shell/layout/gridFold.ts';
import type { Prediction } from '../../game/shell/state/prediction.ts';
import { traceStrokes, type Stroke } from './strokes.ts';

/** The page's grid rectangle, waiting for the game's test API to exist. */
export async function gridRect(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  await page.waitForFunction(() => window.handwrittenDigits !== undefined);
  return page.evaluate(() => {
    const api = window.handwrittenDigits;
    if (api === undefined) throw new Error('window.handwrittenDigits is missing');
    return api.gridRect();
  });
}

export interface DrawOptions {
  /** the strokes' coordinate space: image pixels of a `size` x `size` image mapped onto the grid */
  readonly size: number;
  /**
   * For a grid that is not square (the Number mode's): the whole grid's extent in stroke units
   * (default `size` x `size`), and where the strokes' origin goes on it, so each digit of a number
   * can be drawn in its own part of the grid.
   */
  readonly span?: { readonly width: number; readonly height: number };
  readonly offset?: { readonly x: number; readonly y: number };
  /**
   * 'mouse': Playwright's mouse, input as a player's (each move waits for the browser, slow on a
   * busy machine). 'events': PointerEvents dispatched on the canvas in one go, through the same
   * handlers, for drawing many digits quickly.
   */
  readonly via: 'mouse' | 'events';
  /** for 'events': which device the events claim to come from (default mouse) */
  readonly pointerType?: 'mouse' | 'touch' | 'pen';
  /** for 'events': leave the last stroke's pointer down (to look at the page mid-stroke) */
  readonly holdLast?: boolean;
}

/** Draws strokes with pointer events at the page's grid; the brush interpolates between points. */
export async function drawStrokes(page: Page, strokes: readonly Stroke[], options: DrawOptions = { size: 28, via: 'mouse' }): Promise<void> {
  const rect = await gridRect(page);
  // a grid folded into lines (the Number mode on a phone) takes each point to its line
  const fold = await page.evaluate((): GridFold => window.handwrittenDigits?.gridFold() ?? { lines: 1, gap: 0 });
  const span = options.span ?? { width: options.size, height: options.size };
  const offset = options.offset ?? { x: 0, y: 0 };
  const screenStrokes = strokes.map((stroke) => stroke.map((p) => screenOfCell(p.x + offset.x, p.y + offset.y, rect, span.width, span.height, fold)));
  if (options.via === 'events') {
    const pointerType = options.pointerType ?? 'mouse';
    await page.evaluate(({ paths, pointerType, holdLast }) => {
      const canvas = document.querySelector('canvas');
      if (canvas === null) throw new Error('no canvas');
      const fire = (type: string, p: { x: number; y: number }, buttons: number): void => {
        canvas.dispatchEvent(new PointerEvent(type, {
          clientX: p.x, clientY: p.y, pointerId: pointerType === 'mouse' ? 1 : 2, pointerType, isPrimary: true,
          button: type === 'pointermove' ? -1 : 0, buttons, pressure: buttons === 0 ? 0 : 0.5,
          bubbles: true, cancelable: true, composed: true,
        }));
      };
      paths.forEach((path, i) => {
        const [first, ...rest] = path;
        if (first === undefined) return;
        fire('pointerdown', first, 1);
        for (const p of rest) fire('pointermove', p, 1);
        if (!(holdLast && i === paths.length - 1)) fire('pointerup', rest[rest.length - 1] ?? first, 0);
      });
    }, { paths: screenStrokes, pointerType, holdLast: options.holdLast ?? false });
    return;
  }
  for (const stroke of screenStrokes) {
    const [first, ...rest] = stroke;
    if (first === undefined) continue;
    await page.mouse.move(first.x, first.y);
    await page.mouse.down();
    for (const point of rest) await page.mouse.move(point.x, point.y);
    await page.mouse.up();
  }
}

/** Waits for the game to settle and returns what it shows. */
export async function settledPrediction(page: Page): Promise<Prediction> {
  return page.evaluate(async () => {
    const api = window.handwrittenDigits;
    if (api === undefined) throw new Error('window.handwrittenDigits is missing');
    return api.settled();
  });
}

/** Loads the game, waits until it can predict and, if it opens on the menu, chooses free draw (F). */
export async function openGame(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => window.handwrittenDigits !== undefined, undefined, { timeout: 30_000 });
  await page.evaluate(async () => window.handwrittenDigits?.ready());
  if (await page.evaluate(() => window.handwrittenDigits?.mode().kind === 'menu')) {
    await page.keyboard.press('f');
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'free');
  }
}

/** Draws each digit in free draw as pen strokes (Escape first, Enter after) and counts those read right. */
export async function countReadRight(page: Page, digits: readonly { readonly pixels: Float32Array; readonly label: number }[]): Promise<number> {
  let right = 0;
  for (const digit of digits) {
    await page.keyboard.press('Escape');
    await drawStrokes(page, traceStrokes(digit.pixels, 28, 28), { size: 28, via: 'events' });
    await page.keyboard.press('Enter');
    if ((await settledPrediction(page)).digit === digit.label) right++;
  }
  return right;
}
