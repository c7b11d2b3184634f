import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../../scripts/server.ts';
import { REPO_ROOT } from '../../scripts/site.ts';
import { launchChromium, type Browser, skipReason, suiteTitle } from './harness.ts';
import { drawStrokes, settledPrediction } from '../../scripts/browser/draw.ts';
import { MNIST_DIR, mnistTestDigits } from '../../scripts/browser/mnistDigits.ts';
import { traceStrokes } from '../../scripts/browser/strokes.ts';
import { startGameServer } from './harness.ts';

const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'access');
const SKIP_REASON = skipReason({ models: true });
const PHONE = { width: 390, height: 844 };

async function mode(page: Page): Promise<string> {
  return page.evaluate(() => window.handwrittenDigits?.mode().kind ?? 'loading');
}

async function liveText(page: Page): Promise<string> {
  return (await page.locator('[aria-live="polite"]').textContent()) ?? '';
}

/** The focused element's text, and whether the browser shows it focused (:focus-visible). */
async function focused(page: Page): Promise<{ text: string; ring: boolean; tag: string }> {
  return page.evaluate(() => {
    const element = document.activeElement;
    return { text: element?.textContent ?? '', ring: element?.matches(':focus-visible') ?? false, tag: element?.tagName ?? '' };
  });
}

/** Two animation frames: a mode changed by a key reaches the button mirror on the next frame. */
async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((done) => { requestAnimationFrame(() => { requestAnimationFrame(() => { done(); }); }); }));
}

/**
 * A click on the canvas's empty top-left corner (no grid, no button there on any screen) takes the
 * focus away and puts the Tab starting point before the first button, as for a fresh page.
 */
async function restartTabbing(page: Page): Promise<void> {
  await page.mouse.click(2, 2);
}

/** Presses Tab until the focus leaves the page's buttons (or comes back round): the Tab order. */
async function tabOrder(page: Page): Promise<string[]> {
  await nextFrames(page);
  await restartTabbing(page);
  const order: string[] = [];
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now.tag !== 'BUTTON' || order.includes(now.text)) break;
    expect(now.ring, `${now.text} shows its focus`).toBe(true);
    order.push(now.text);
  }
  return order;
}

async function tabTo(page: Page, text: string): Promise<void> {
  const order = await tabOrder(page);
  expect(order).toContain(text);
  await restartTabbing(page);
  for (let i = 0; i <= order.indexOf(text); i++) await page.keyboard.press('Tab');
  expect((await focused(page)).text).toBe(text);
}

/** Pixels of the focus ring's yellow (#ffd54a) in a screenshot. */
function ringPixels(png: Buffer): number {
  const image = PNG.sync.read(png);
  let count = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b] = [image.data[i] ?? 0, image.data[i + 1] ?? 0, image.data[i + 2] ?? 0];
    if (r > 0xe8 && g > 0xc4 && g < 0xe4 && b > 0x30 && b < 0x64) count++;
  }
  return count;
}

/**
 * Two screenshots of a challenge round ~300 ms apart within the same whole second of its countdown
 * (the seconds shown do not change between them), with nothing drawn.
 */
async function twoShotsWithinASecond(page: Page): Promise<[Buffer, Buffer]> {
  const secondsLeft = (): Promise<number> => page.evaluate(() => {
    const report = window.handwrittenDigits?.mode();
    return typeof report?.secondsLeft === 'number' ? report.secondsLeft : Number.NaN;
  });
  for (let attempt = 0; attempt < 10; attempt++) {
    const before = await secondsLeft();
    const first = await page.screenshot();
    await new Promise((done) => setTimeout(done, 300));
    const second = await page.screenshot();
    if (Math.ceil(before) === Math.ceil(await secondsLeft())) return [first, second];
  }
  throw new Error('never two screenshots within one second of the countdown');
}

describe.skipIf(SKIP_REASON !== null)(suiteTitle('keyboard and screen reader', SKIP_REASON), () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    server = await startGameServer();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    await page.waitForFunction(() => window.handwrittenDigits !== undefined, undefined, { timeout: 30_000 });
    await page.evaluate(async () => window.handwrittenDigits?.ready());
  }, 120_000);
  afterAll(async () => {
    await browser.close();
    await server.close();
    expect(pageErrors).toEqual([]);
  });

  test('every screen\'s buttons are reached with Tab in reading order and pressed with Enter or Space', { timeout: 180_000 }, async () => {
    expect(await mode(page)).toBe('menu');
    const before = await page.screenshot();
    expect(await tabOrder(page)).toEqual(['Free draw', 'Challenge', 'Number', 'Inside', 'Compare', 'My digits', 'Settings', 'Train']);
    await tabTo(page, 'Challenge');
    const ringed = await page.screenshot({ path: join(SCREENSHOTS, 'menu-focus-challenge.png') });
    expect(ringPixels(before)).toBe(0);
    expect(ringPixels(ringed)).toBeGreaterThan(200);

    await page.keyboard.press('Enter');
    expect(await mode(page)).toBe('challenge');
    expect(await liveText(page)).toMatch(/^Round 1 of \d+: draw an? \d, \d+ seconds$/);
    expect([...(await tabOrder(page))].sort()).toEqual(['Clear', 'Eraser', 'Menu', 'Redo', 'Sound', 'Undo']);
    await tabTo(page, 'Menu');
    await page.keyboard.press(' ');
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'menu');

    await tabTo(page, 'Number');
    await page.keyboard.press(' ');
    expect(await mode(page)).toBe('number');
    const numberOrder = await tabOrder(page);
    expect([...numberOrder].sort()).toEqual(['Eraser', 'Menu', 'Redo', 'Reset', 'Sound', 'Undo']);
    await tabTo(page, 'Menu');
    await page.keyboard.press('Enter');
    expect(await mode(page)).toBe('menu');

    await tabTo(page, 'Free draw');
    await page.keyboard.press('Enter');
    expect(await mode(page)).toBe('free');
    expect([...(await tabOrder(page))].sort()).toEqual(['Classify', 'Eraser', 'Menu', 'Redo', 'Reset', 'Sound', 'Undo']);
    // nothing to undo yet: the dimmed Undo is still reachable and says it is unavailable
    expect(await page.locator('.hd-buttons button', { hasText: 'Undo' }).getAttribute('aria-disabled')).toBe('true');
    expect(await page.locator('.hd-buttons button', { hasText: 'Classify' }).getAttribute('aria-disabled')).toBe('false');
    await tabTo(page, 'Classify');
    await page.screenshot({ path: join(SCREENSHOTS, 'free-focus-classify.png') });
  });

  test.skipIf(MNIST_DIR === null)('the live region says the guess as it changes, and "blank" after Reset (needs MNIST_DIR)', { timeout: 180_000 }, async () => {
    await page.keyboard.press('m');
    await page.keyboard.press('f');
    expect(await mode(page)).toBe('free');
    const digits = (await mnistTestDigits(1, MNIST_DIR ?? '')).filter((digit) => [1, 4, 7].includes(digit.label));
    for (const digit of digits) {
      await page.keyboard.press('Escape');
      await drawStrokes(page, traceStrokes(digit.pixels, 28, 28), { size: 28, via: 'events' });
      const shown = await settledPrediction(page);
      expect(shown.digit).toBe(digit.label);
      await page.waitForFunction((text) => document.querySelector('[aria-live="polite"]')?.textContent === text,
        `${digit.label}, ${shown.unsure ? 'not sure' : 'sure'}`);
    }
    await tabTo(page, 'Reset');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[aria-live="polite"]')?.textContent === 'blank');
    expect(await mode(page)).toBe('free');
  });

  test('a challenge summary\'s round cards and the settings steppers are reached with Tab and named to a screen reader', { timeout: 180_000 }, async () => {
    const fresh = await browser.newPage();
    fresh.on('pageerror', (error) => pageErrors.push(error.message));
    const button = (name: string | RegExp) => fresh.locator('.hd-buttons button', { hasText: name });
    await fresh.goto(`${server.url}?rounds=2&seconds=6&confidence=0.99`);
    await fresh.waitForFunction(() => window.handwrittenDigits !== undefined, undefined, { timeout: 30_000 });
    await fresh.evaluate(async () => window.handwrittenDigits?.ready());
    await fresh.keyboard.press('c');
    await fresh.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'challenge');
    // a bar in round 1, read as some digit (a 1 asked may even be won); nothing in round 2
    await drawStrokes(fresh, [[{ x: 14, y: 4 }, { x: 14, y: 24 }]], { size: 28, via: 'events' });
    await fresh.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'summary', undefined, { timeout: 60_000 });

    const order = await tabOrder(fresh);
    expect(order).toHaveLength(14);
    expect(order[0]).toMatch(/^Round 1: asked \d, saw \d at \d+%, (won in \d+\.\d s, plus \d+ points|time out, no points)$/);
    expect(order[1]).toMatch(/^Round 2: asked \d, nothing drawn, time out, no points$/);
    // the digit buttons name the digit meant without a keyboard (a phone), in order
    expect(order.slice(2)).toEqual([...Array.from({ length: 10 }, (_, digit) => `I meant ${digit}`), 'Play again', 'Back']);
    // the drawn round is the one chosen for a correction; the empty one is there to be heard, not pressed
    const drawn = button('Round 1:');
    expect(await drawn.getAttribute('aria-pressed')).toBe('true');
    expect(await drawn.getAttribute('aria-disabled')).toBe('false');
    expect(await drawn.getAttribute('aria-description')).toBe('press to choose it, then the digit you meant');
    const empty = button('Round 2:');
    expect(await empty.getAttribute('aria-disabled')).toBe('true');
    expect(await empty.getAttribute('aria-pressed')).toBeNull();
    await tabTo(fresh, order[0] ?? '');
    await fresh.keyboard.press('Enter');
    expect(await liveText(fresh)).toBe('Round 1 chosen: now the digit you meant');
    await fresh.screenshot({ path: join(SCREENSHOTS, 'summary-focus-round.png') });
    await fresh.keyboard.press('7');
    await fresh.waitForFunction(() => document.querySelector('[aria-live="polite"]')?.textContent.startsWith('Saved as a 7') === true);

    await fresh.keyboard.press('m');
    await fresh.keyboard.press('o');
    await fresh.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'settings');
    expect(await tabOrder(fresh)).toEqual([
      'Fewer rounds, now 2', 'More rounds, now 2',
      'Fewer seconds per round, now 6 s', 'More seconds per round, now 6 s',
      'Lower confidence to win, now 99%', 'Higher confidence to win, now 99%',
      'Sound: on (S)', 'Back to the menu',
    ]);
    await tabTo(fresh, 'More rounds, now 2');
    await fresh.keyboard.press('Enter');
    await nextFrames(fresh);
    // the same element keeps the focus and says the new value
    expect((await focused(fresh)).text).toBe('More rounds, now 3');
    await fresh.screenshot({ path: join(SCREENSHOTS, 'settings-focus-more-rounds.png') });
    await fresh.close();
    // the suite's page is shown again, so its frames run at full rate for the tests after this one
    await page.bringToFront();
  });

  test('prefers-reduced-motion: the countdown bar holds still within a second; without it, it moves', { timeout: 120_000 }, async () => {
    await page.keyboard.press('m');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.keyboard.press('c');
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'challenge');
    const [still, stillLater] = await twoShotsWithinASecond(page);
    expect(stillLater.equals(still)).toBe(true);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    const [moving, movingLater] = await twoShotsWithinASecond(page);
    expect(movingLater.equals(moving)).toBe(false);
    await page.keyboard.press('m');
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'menu');
  });

  test('on a phone: the mirror follows the portrait layout and taps still reach the canvas buttons', { timeout: 120_000 }, async () => {
    await page.setViewportSize(PHONE);
    await page.keyboard.press('m');
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'menu');
    expect(await tabOrder(page)).toEqual(['Free draw', 'Challenge', 'Number', 'Inside', 'Compare', 'My digits', 'Settings', 'Train']);
    const box = await page.locator('.hd-buttons button', { hasText: 'Number' }).boundingBox();
    if (box === null) throw new Error('the Number button has no box');
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    // the mirror lets the tap through: it lands on the canvas button underneath
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'number');
    await tabTo(page, 'Menu');
    await page.screenshot({ path: join(SCREENSHOTS, 'phone-number-focus-menu.png') });
    await page.keyboard.press('Enter');
    expect(await mode(page)).toBe('menu');
  });
});
