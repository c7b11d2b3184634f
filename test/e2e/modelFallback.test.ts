import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../scripts/server.ts';
import { REPO_ROOT, type SiteFile } from '../../scripts/site.ts';
import { launchChromium, type Browser, skipReason, suiteTitle } from './harness.ts';
import { drawStrokes, openGame, settledPrediction } from '../../scripts/browser/draw.ts';
import { gameSite } from './harness.ts';
import { MNIST_DIR, mnistTestDigitsAt, type LabelledDigit } from '../../scripts/browser/mnistDigits.ts';
import { traceStrokes } from '../../scripts/browser/strokes.ts';

const SCREENSHOTS = join(REPO_ROOT, 'test-results');
const SKIP_REASON = skipReason({ models: true, mnist: true });

type Damage = (file: SiteFile) => SiteFile | null;
const missing: Damage = () => null;
const cutOff: Damage = (file) => ({ ...file, body: file.body.subarray(0, file.body.byteLength - 1000) });
const padded: Damage = (file) => ({ ...file, body: new Uint8Array([...file.body, 0, 0, 0, 0]) });

/** The real site with some files damaged; null removes the file. */
async function damagedSite(damage: Readonly<Record<string, Damage>>): Promise<Map<string, SiteFile>> {
  const site = new Map(await gameSite());
  for (const [path, change] of Object.entries(damage)) {
    const file = site.get(path);
    if (file === undefined) throw new Error(`the site has no ${path}`);
    const changed = change(file);
    if (changed === null) site.delete(path);
    else site.set(path, changed);
  }
  return site;
}

const read = <T>(page: Page, what: (api: NonNullable<Window['handwrittenDigits']>) => T): Promise<T> =>
  page.evaluate<T>(`(${what.toString()})(window.handwrittenDigits)`);

describe.skipIf(SKIP_REASON !== null)(suiteTitle('a broken default model in Chromium', SKIP_REASON), () => {
  let browser: Browser;
  let seven: LabelledDigit;
  const servers: RunningServer[] = [];

  async function open(damage: Readonly<Record<string, Damage>>): Promise<Page> {
    const server = await startServer({ site: await damagedSite(damage), port: 0 });
    servers.push(server);
    const page = await browser.newPage({ width: 1280, height: 800 });
    await page.goto(server.url);
    await page.waitForFunction(() => window.handwrittenDigits !== undefined, undefined, { timeout: 30_000 });
    return page;
  }

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    // test image #0, a clear 7 both shipped models read
    [seven] = await mnistTestDigitsAt([0], MNIST_DIR ?? '') as [LabelledDigit];
  });
  afterAll(async () => {
    await browser.close();
    for (const server of servers) await server.close();
  });

  test.each([
    { what: 'missing', damage: missing, says: 'models/default/weights.bin is missing (HTTP 404)' },
    { what: 'cut off', damage: cutOff, says: 'models/default/weights.bin is cut off (180974 of the 181974 bytes' },
    { what: 'with trailing bytes', damage: padded, says: 'models/default/weights.bin has 4 bytes too many (181978;' },
  ])('default weights.bin $what: the message names the file, seed plays and reads a drawn 7', async ({ what, damage, says }) => {
    const page = await open({ 'models/default/weights.bin': damage });
    await openGame(page, page.url());
    const message = await read(page, (a) => a.message());
    expect(message).toContain(says);
    expect(message).toContain('model "default" could not be used');
    expect(message).toContain('playing seed instead');
    expect(await read(page, (a) => a.modelName())).toBe('seed');
    expect(await read(page, (a) => a.modelLabel())).toContain('seed');
    await drawStrokes(page, traceStrokes(seven.pixels, 28, 28), { size: 28, via: 'events' });
    await page.keyboard.press('Enter');
    expect((await settledPrediction(page)).digit).toBe(seven.label);
    if (what === 'missing') await page.screenshot({ path: join(SCREENSHOTS, 'game-default-missing.png') });
    await page.close();
  });

  test('with no loadable model the screen says why for each file, and message() says the same', async () => {
    const page = await open({ 'models/default/weights.bin': missing, 'models/seed/weights.bin': cutOff });
    await page.waitForFunction(() => window.handwrittenDigits?.modelLabel() === 'No model', undefined, { timeout: 30_000 });
    const message = await read(page, (a) => a.message());
    expect(message).toMatch(/^Could not load a model: models\/default\/weights.bin is missing/);
    expect(message).toContain('models/default/weights.bin is missing');
    expect(message).toContain('models/seed/weights.bin is cut off');
    await page.screenshot({ path: join(SCREENSHOTS, 'game-no-model.png') });
    await page.close();
  });
});
