import type { Page } from 'playwright-core';
import type { Examples } from '../../common/personal/examples.ts';
import { IMAGE_PIXELS } from '../../common/digit.ts';
import { launchChromium } from '../browser/browser.ts';
import { openGame } from '../browser/draw.ts';
import { startServer } from '../server.ts';
import { buildSite } from '../site.ts';

export interface BrowserTeachResult {
  /** pressing Teach to the personal model playing, replay download included, ms */
  readonly ms: number;
  /** teaching's main-thread work in each animation frame it ran in, ms */
  readonly frameMs: readonly number[];
  /** what reads the taught model: "wasm-simd" for the game's kernel, else the tfjs backend */
  readonly backend: string;
  readonly examples: number;
}

/**
 * One teach in headless Chromium, as the player's Teach button does it: the built game on a local
 * server, `own` saved and taught in the page (teachOnPage). A fresh profile each call, so no earlier
 * personal model is around.
 */
export async function teachInBrowser(own: Examples): Promise<BrowserTeachResult> {
  const server = await startServer({ site: await buildSite({ minify: true }), port: 0 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ width: 1280, height: 800 });
    await openGame(page, server.url);
    const digits = Array.from(own.labels, (label, i) => ({ pixels: own.images.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS), label }));
    const report = await teachOnPage(page, digits);
    const backend = await page.evaluate(() => window.handwrittenDigits?.stats().backend ?? '?');
    return { ms: report.ms, frameMs: report.frameMs, backend, examples: own.labels.length };
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * In a page that plays: `digits` saved through window.handwrittenDigits.saveExample (each 28x28
 * image as a drawing, normalised by the page like any other), then taught as the Teach button does.
 * Returns the page's report of the teach; a digit not saved or a teach refused throws.
 */
export async function teachOnPage(page: Page, digits: readonly { readonly pixels: Float32Array; readonly label: number }[]): Promise<{ ms: number; frameMs: readonly number[] }> {
  await page.evaluate(async () => window.handwrittenDigits?.personalReady());
  for (const [i, digit] of digits.entries()) {
    const message = await page.evaluate(async ({ cells, label }) => window.handwrittenDigits?.saveExample(cells, label), { cells: Array.from(digit.pixels), label: digit.label });
    if (message?.startsWith('Saved') !== true) throw new Error(`example ${i} was not saved: ${message ?? 'no page API'}`);
  }
  const report = await page.evaluate(async () => window.handwrittenDigits?.teach());
  if (report?.ms == null) throw new Error(`the page did not teach: ${report?.message ?? 'no page API'}`);
  return { ms: report.ms, frameMs: report.frameMs };
}
