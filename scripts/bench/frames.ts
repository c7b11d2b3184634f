import type { Page } from 'playwright-core';

/** Starts recording requestAnimationFrame intervals in the page (both the browser and rendering benches). */
export async function startRecordingFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const intervals: number[] = [];
    (window as { benchIntervals?: number[] }).benchIntervals = intervals;
    let last = performance.now();
    const loop = (t: number): void => {
      intervals.push(t - last);
      last = t;
      if (intervals.length < 10_000) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
}

/** The intervals recorded since startRecordingFrames, less the first (it spans the set-up before the first move). */
export async function recordedFrames(page: Page): Promise<number[]> {
  const intervals = await page.evaluate(() => (window as { benchIntervals?: number[] }).benchIntervals ?? []);
  return intervals.slice(1);
}

/** Move `i` of a spiral over a square grid at `rect`; `growth` 0..1 is how far out it has wound. */
export function spiralPoint(rect: { x: number; y: number; width: number; height: number }, i: number, growth: number): { x: number; y: number } {
  const angle = i * 0.25;
  const radius = (0.05 + 0.35 * growth) * rect.width;
  return { x: rect.x + rect.width / 2 + radius * Math.cos(angle), y: rect.y + rect.height / 2 + radius * Math.sin(angle) };
}

/** Draws a spiral with the real mouse for about two seconds, live prediction on. */
export async function measureFrames(page: Page): Promise<{ work: number[]; intervals: number[] }> {
  const rect = await page.evaluate(() => window.handwrittenDigits?.gridRect());
  if (rect === undefined) throw new Error('no grid');
  await page.keyboard.press('Escape');
  const framesBefore = await page.evaluate(() => window.handwrittenDigits?.stats().frameWorkMs.length ?? 0);
  await startRecordingFrames(page);
  await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2);
  await page.mouse.down();
  const started = Date.now();
  for (let i = 0; Date.now() - started < 2000; i++) {
    const point = spiralPoint(rect, i, (i % 120) / 120);
    await page.mouse.move(point.x, point.y);
  }
  await page.mouse.up();
  await page.evaluate(() => window.handwrittenDigits?.settled());
  const frameWork = await page.evaluate(() => window.handwrittenDigits?.stats().frameWorkMs ?? []);
  const intervals = await recordedFrames(page);
  // the meter keeps a bounded history; frames drawn before the spiral are dropped when it is full
  return { work: frameWork.slice(Math.min(framesBefore, frameWork.length)), intervals };
}
