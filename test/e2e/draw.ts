import type { Page } from 'playwright-core';
import type { Stroke } from './strokes.ts';

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
  /** pointer moves between consecutive stroke points; the brush interpolates, so few are needed */
  readonly steps: number;
}

/** Draws strokes with real mouse events (pointerdown/move/up reach the canvas as for a player). */
export async function drawStrokes(page: Page, strokes: readonly Stroke[], options: DrawOptions = { size: 28, steps: 3 }): Promise<void> {
  const rect = await gridRect(page);
  const toScreen = (p: { x: number; y: number }): [number, number] => [
    rect.x + (p.x / options.size) * rect.width,
    rect.y + (p.y / options.size) * rect.height,
  ];
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    if (first === undefined) continue;
    await page.mouse.move(...toScreen(first));
    await page.mouse.down();
    for (const point of rest) await page.mouse.move(...toScreen(point), { steps: options.steps });
    await page.mouse.up();
  }
}

/** Waits for the game to settle and returns what it shows. */
export async function settledPrediction(page: Page): Promise<{ digit: number | null; blank: boolean; unsure: boolean; probabilities: readonly number[] }> {
  return page.evaluate(async () => {
    const api = window.handwrittenDigits;
    if (api === undefined) throw new Error('window.handwrittenDigits is missing');
    return api.settled();
  });
}

/** Loads the game and waits until it can predict. */
export async function openGame(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => window.handwrittenDigits !== undefined, undefined, { timeout: 30_000 });
  await page.evaluate(async () => window.handwrittenDigits?.ready());
}
