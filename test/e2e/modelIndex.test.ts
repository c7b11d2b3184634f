import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../../scripts/server.ts';
import { REPO_ROOT } from '../../scripts/site.ts';
import { launchChromium, type Browser, skipReason, suiteTitle } from './harness.ts';
import { countReadRight, openGame } from '../../scripts/browser/draw.ts';
import { jsonFile, startGameServer } from './harness.ts';
import { MNIST_DIR, mnistTestDigits } from '../../scripts/browser/mnistDigits.ts';

// ml/ writes "testAccuracy": null for a model whose accuracy was never measured (one added by
// hand, say); the page must still play with it, saying the accuracy is unknown.

const INDEX = join(REPO_ROOT, 'assets/models/index.json');
const SKIP_REASON = skipReason({ models: true, mnist: true });

describe.skipIf(SKIP_REASON !== null)(suiteTitle('an index.json with a model of unknown accuracy', SKIP_REASON), () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    const index = JSON.parse(await readFile(INDEX, 'utf8')) as { models: Record<string, unknown>[] };
    // default's accuracy null, seed's absent: the two forms the writer and a hand-made entry produce
    for (const entry of index.models) {
      if (entry.name === 'default') entry.testAccuracy = null;
      if (entry.name === 'seed') delete entry.testAccuracy;
    }
    server = await startGameServer(new Map([['models/index.json', jsonFile(index)]]));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  async function label(page: Page): Promise<string> {
    return page.evaluate(() => window.handwrittenDigits?.modelLabel() ?? '');
  }

  test.each([
    { query: '', name: 'default' },
    { query: '?model=seed', name: 'seed' },
  ])('$name loads, says its accuracy is unknown and reads real MNIST digits', { timeout: 180_000 }, async ({ query, name }) => {
    const page = await browser.newPage({ width: 1280, height: 800 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openGame(page, server.url + query);
    expect(await page.evaluate(() => window.handwrittenDigits?.modelName())).toBe(name);
    expect(await label(page)).toContain(`Model: ${name} · MNIST test accuracy unknown`);
    expect(await page.evaluate(() => window.handwrittenDigits?.message())).toBe('');
    const digits = await mnistTestDigits(1, MNIST_DIR ?? '');
    expect(await countReadRight(page, digits)).toBeGreaterThanOrEqual(9);
    expect(errors).toEqual([]);
    await page.close();
  });
});
