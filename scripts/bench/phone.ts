import { BROWSER_CONFIGS, launchChromium, PHONE } from '../browser/browser.ts';
import { openGame } from '../browser/draw.ts';
import { formatWork, percentile, workSummary, type WorkSummary } from './frameWork.ts';
import { measureFrames } from './frames.ts';

/** Times the spiral is drawn at each resolution, alternating, so a busy spell of the machine hits both. */
const ROUNDS = 3;

export interface PhoneRun {
  /** the renderer's resolution the page reported */
  readonly resolution: number;
  readonly renderer: string;
  readonly frameWorkMs: WorkSummary;
  readonly frameIntervalMs: { readonly p50: number; readonly p95: number };
}

export interface PhoneResult {
  /** the game as it chooses on a 390x844 3x phone */
  readonly automatic: PhoneRun;
  /** the same with ?resolution=1: every CSS pixel one device pixel, as before text followed devicePixelRatio */
  readonly oneX: PhoneRun;
  /** automatic p50 interval / 1x p50 interval */
  readonly intervalRatio: number;
}

/**
 * Free draw on a 390x844 phone at devicePixelRatio 3 (Chromium's device emulation, default flags:
 * WebGL in software, so the game draws with the canvas renderer): the spiral of the browser bench
 * drawn with the mouse, at the resolution the game picks and at 1x, alternately in one browser.
 */
export async function measurePhone(url: string): Promise<PhoneResult> {
  const [config] = BROWSER_CONFIGS;
  const browser = await launchChromium(config, PHONE);
  try {
    const runs = { automatic: { resolution: 0, renderer: '', work: [] as number[], intervals: [] as number[] }, oneX: { resolution: 0, renderer: '', work: [] as number[], intervals: [] as number[] } };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [key, query] of [['automatic', ''], ['oneX', '?resolution=1']] as const) {
        const page = await browser.newPage();
        await openGame(page, `${url}${query}`);
        const frames = await measureFrames(page);
        const stats = await page.evaluate(() => window.handwrittenDigits?.stats());
        if (stats === undefined) throw new Error('the page stopped answering');
        const run = runs[key];
        run.resolution = stats.resolution;
        run.renderer = stats.renderer;
        run.work.push(...frames.work);
        run.intervals.push(...frames.intervals);
        await page.close();
      }
    }
    const summary = (run: typeof runs.automatic): PhoneRun => ({
      resolution: run.resolution,
      renderer: run.renderer,
      frameWorkMs: workSummary(run.work),
      frameIntervalMs: { p50: percentile(run.intervals, 50), p95: percentile(run.intervals, 95) },
    });
    const automatic = summary(runs.automatic);
    const oneX = summary(runs.oneX);
    return { automatic, oneX, intervalRatio: Math.round((automatic.frameIntervalMs.p50 / oneX.frameIntervalMs.p50) * 100) / 100 };
  } finally {
    await browser.close();
  }
}

export function printPhone(r: PhoneResult, log: (line: string) => void): void {
  log(`  phone 390x844 at 3x, free draw (${r.automatic.renderer}), ${ROUNDS} spirals at each resolution`);
  for (const [name, run] of [['resolution chosen', r.automatic], ['?resolution=1', r.oneX]] as const) {
    log(`    ${name} (${run.resolution}x): rAF interval p50 ${run.frameIntervalMs.p50} ms  p95 ${run.frameIntervalMs.p95} ms; our work ${formatWork(run.frameWorkMs)}`);
  }
  log(`    interval p50 ratio ${r.intervalRatio}  target <= 1.2: ${r.intervalRatio <= 1.2 ? 'ok' : 'MISSED'}`);
}
