import type { Page } from 'playwright-core';
import type { Browser } from '../browser/browser.ts';
import { openGame } from '../browser/draw.ts';
import { recordedFrames, spiralPoint, startRecordingFrames } from './frames.ts';
import type { SiteFile } from '../site.ts';

/** Where the bench serves its reference page, next to the game. */
export const REFERENCE_PATH = 'bench/reference.html';
/** Mouse moves per measurement: the figure of issue 15. */
const MOVES = 120;
/** The renderers a page may be forced to, measured after the game's own choice. */
const FORCED = ['webgl', 'webgpu', 'canvas'] as const;
/** Runs per page (median reported); a renderer that turns out slow here gets one. */
const RUNS = 5;

/**
 * A plain canvas-2D page that redraws a 28x28 grid every frame and inks the cell under a pressed
 * mouse: about the least a drawing page can do per frame, so our page's figures read as a ratio to
 * it. The grid sits where the game's does at 1280x800, so the same mouse path covers both.
 */
const REFERENCE_HTML = `<!doctype html><meta charset="utf-8"><title>reference</title>
<style>html,body{margin:0;background:#0d1020}canvas{display:block}</style><canvas></canvas><script>
const canvas = document.querySelector('canvas');
canvas.width = innerWidth; canvas.height = innerHeight;
const ctx = canvas.getContext('2d');
const rect = { x: 128, y: 104, width: 504, height: 504 };
const cells = new Float32Array(784);
let down = false;
window.referenceGrid = rect;
const ink = (e) => {
  const gx = Math.floor((e.clientX - rect.x) / rect.width * 28), gy = Math.floor((e.clientY - rect.y) / rect.height * 28);
  if (down && gx >= 0 && gx < 28 && gy >= 0 && gy < 28) cells[gy * 28 + gx] = 1;
};
canvas.addEventListener('pointerdown', (e) => { down = true; ink(e); });
canvas.addEventListener('pointermove', ink);
canvas.addEventListener('pointerup', () => { down = false; });
const frame = () => {
  ctx.fillStyle = '#0d1020'; ctx.fillRect(0, 0, canvas.width, canvas.height);
  const cw = rect.width / 28, ch = rect.height / 28;
  for (let i = 0; i < 784; i++) {
    const v = Math.round(10 + 233 * cells[i]);
    ctx.fillStyle = 'rgb(' + v + ',' + v + ',' + (v + 10) + ')';
    ctx.fillRect(rect.x + (i % 28) * cw, rect.y + Math.floor(i / 28) * ch, cw, ch);
  }
  ctx.strokeStyle = '#1f2440'; ctx.beginPath();
  for (let k = 1; k < 28; k++) {
    ctx.moveTo(rect.x + k * cw, rect.y); ctx.lineTo(rect.x + k * cw, rect.y + rect.height);
    ctx.moveTo(rect.x, rect.y + k * ch); ctx.lineTo(rect.x + rect.width, rect.y + k * ch);
  }
  ctx.stroke();
  requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
</script>`;

export function referencePage(): SiteFile {
  return { body: new TextEncoder().encode(REFERENCE_HTML), type: 'text/html; charset=utf-8' };
}

/** One page's figures while the mouse draws: rAF interval percentiles and the moves' wall time. */
export interface DrawingFigures {
  readonly rafP50Ms: number;
  readonly rafP95Ms: number;
  readonly movesMs: number;
}

export interface RendererRow extends DrawingFigures {
  /** what the page was asked for: 'auto' or a forced renderer */
  readonly asked: 'auto' | (typeof FORCED)[number];
  /** what drew, from stats().renderer */
  readonly renderer: string;
  readonly runs: number;
  /** ours / reference, per figure: 1.2 or less is the target for the automatic choice */
  readonly ratio: { readonly rafP50: number; readonly movesMs: number };
}

/** The same moves in the Inside mode (the renderer the game picks), next to free draw in the same runs. */
export interface InsideRow extends DrawingFigures {
  readonly renderer: string;
  readonly runs: number;
  /** Inside / free draw ('auto'), per figure: 1.2 or less is the target (issue 28) */
  readonly ratioToFree: { readonly rafP50: number; readonly movesMs: number };
}

export interface RenderingResult {
  readonly moves: number;
  readonly reference: DrawingFigures & { readonly runs: number };
  readonly renderers: readonly RendererRow[];
  readonly inside: InsideRow;
}

type Percentile = (values: readonly number[], p: number) => number;
interface GridRect { x: number; y: number; width: number; height: number }
type Target = 'reference' | 'inside' | RendererRow['asked'];

/**
 * `gameUrl`: the game's root; the reference page is served at REFERENCE_PATH below it. Runs are
 * interleaved (every page once, then again, the order rotated each time) so that load from elsewhere on
 * a shared machine falls on all pages alike rather than on whichever ran during it.
 */
export async function measureRendering(browser: Browser, gameUrl: string, percentile: Percentile): Promise<RenderingResult> {
  const targets: Target[] = ['reference', 'auto', 'inside', ...FORCED];
  const runs = new Map<Target, DrawingFigures[]>(targets.map((t) => [t, []]));
  const drew = new Map<Target, string>();
  const open = async (page: Page, target: Target): Promise<GridRect> => {
    if (target === 'reference') {
      await page.goto(new URL(REFERENCE_PATH, gameUrl).href);
      await page.waitForFunction(() => 'referenceGrid' in window);
      return page.evaluate(() => (window as unknown as { referenceGrid: GridRect }).referenceGrid);
    }
    await openGame(page, target === 'auto' || target === 'inside' ? gameUrl : `${gameUrl}?renderer=${target}`);
    drew.set(target, await page.evaluate(() => window.handwrittenDigits?.stats().renderer ?? '?'));
    if (target === 'inside') {
      await page.keyboard.press('i');
      await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'inside');
      await page.evaluate(async () => window.handwrittenDigits?.settledInside());
    }
    const rect = await page.evaluate(() => window.handwrittenDigits?.gridRect());
    if (rect === undefined) throw new Error('no grid');
    return rect;
  };
  for (let run = 0; run < RUNS; run++) {
    // rotated each run, so that no page always runs right after the same one
    const order = [...targets.slice(run % targets.length), ...targets.slice(0, run % targets.length)];
    for (const target of order) {
      const done = runs.get(target) ?? [];
      const reference = runs.get('reference')?.[0];
      // a renderer ten times slower than the reference on its first run is not worth more runs
      if (run > 0 && reference !== undefined && (done[0]?.movesMs ?? 0) > 10 * reference.movesMs) continue;
      const page = await browser.newPage({ width: 1280, height: 800 });
      try {
        done.push(await drawSpiral(page, await open(page, target), percentile));
      } finally {
        await page.close();
      }
    }
  }
  const summary = (target: Target): DrawingFigures & { runs: number } => {
    const all = runs.get(target) ?? [];
    const median = (pick: (f: DrawingFigures) => number): number => percentile(all.map(pick), 50);
    return { rafP50Ms: median((f) => f.rafP50Ms), rafP95Ms: median((f) => f.rafP95Ms), movesMs: median((f) => f.movesMs), runs: all.length };
  };
  const reference = summary('reference');
  const rows = (['auto', ...FORCED] as const).map((asked): RendererRow => {
    const figures = summary(asked);
    return {
      asked, renderer: drew.get(asked) ?? '?', ...figures,
      ratio: { rafP50: round2(figures.rafP50Ms / reference.rafP50Ms), movesMs: round2(figures.movesMs / reference.movesMs) },
    };
  });
  const free = summary('auto');
  const inside = summary('inside');
  return {
    moves: MOVES, reference, renderers: rows,
    inside: { ...inside, renderer: drew.get('inside') ?? '?', ratioToFree: { rafP50: round2(inside.rafP50Ms / free.rafP50Ms), movesMs: round2(inside.movesMs / free.movesMs) } },
  };
}

/** MOVES real mouse moves in a spiral over the grid, button down, frames recorded meanwhile. */
async function drawSpiral(page: Page, rect: GridRect, percentile: Percentile): Promise<DrawingFigures> {
  await startRecordingFrames(page);
  await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2);
  await page.mouse.down();
  const started = performance.now();
  for (let i = 0; i < MOVES; i++) {
    const point = spiralPoint(rect, i, i / MOVES);
    await page.mouse.move(point.x, point.y);
  }
  const movesMs = performance.now() - started;
  await page.mouse.up();
  const drawing = await recordedFrames(page);
  return { rafP50Ms: percentile(drawing, 50), rafP95Ms: percentile(drawing, 95), movesMs: Math.round(movesMs) };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function printRendering(r: RenderingResult, log: (line: string) => void): void {
  const figures = (f: DrawingFigures): string => `rAF p50 ${f.rafP50Ms} ms  p95 ${f.rafP95Ms} ms  ${r.moves} moves ${f.movesMs} ms`;
  log(`  drawing with the mouse, ${r.moves} moves over the grid (median of runs)`);
  log(`    reference page (canvas 2D, 28x28 grid redrawn every frame), ${r.reference.runs} runs  ${figures(r.reference)}`);
  for (const row of r.renderers) {
    const ok = row.ratio.rafP50 <= 1.2 && row.ratio.movesMs <= 1.2;
    const target = row.asked === 'auto' ? `  target <= 1.2x: ${ok ? 'ok' : 'MISSED'}` : '';
    log(`    ${`${row.asked} -> ${row.renderer}`.padEnd(18)} ${row.runs} run${row.runs === 1 ? ' ' : 's'}  ${figures(row)}  x${row.ratio.rafP50} / x${row.ratio.movesMs} of reference${target}`);
  }
  const inside = r.inside;
  const ok = inside.ratioToFree.rafP50 <= 1.2 && inside.ratioToFree.movesMs <= 1.2;
  log(`    ${`inside -> ${inside.renderer}`.padEnd(18)} ${inside.runs} runs  ${figures(inside)}  x${inside.ratioToFree.rafP50} / x${inside.ratioToFree.movesMs} of free draw (auto)  target <= 1.2x: ${ok ? 'ok' : 'MISSED'}`);
}
