import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IMAGE_SIZE } from '../../common/digit.ts';
import { createGrid } from '../../common/ink/grid.ts';
import { parseModelIndex, type ModelEntry } from '../../common/modelIndex.ts';
import { recognise } from '../../game/shell/reading/recognise.ts';
import { COLORS } from '../../game/shell/view/theme.ts';
import type { CompareReport } from '../../game/shell/platform/api.ts';
import { loadModel } from '../../ml/models/modelFiles.ts';
import { PHONE } from '../../scripts/browser/browser.ts';
import { drawStrokes } from '../../scripts/browser/draw.ts';
import { MNIST_DIR, mnistTestDigitsAt, type LabelledDigit } from '../../scripts/browser/mnistDigits.ts';
import { traceStrokes, type Stroke } from '../../scripts/browser/strokes.ts';
import type { RunningServer } from '../../scripts/server.ts';
import { REPO_ROOT } from '../../scripts/site.ts';
import { BROWSER_CONFIGS, jsonFile, launchChromium, skipReason, startGameServer, suiteTitle, type Browser } from './harness.ts';
import { colourPixels } from './screenPixels.ts';

const SCREENSHOTS = join(REPO_ROOT, '.tmp-scratch');
const SKIP_REASON = skipReason({ models: true, mnist: true });
/** A model the patched index lists whose files the site does not have: its card must say so. */
const BROKEN = 'broken';

async function api<T>(page: Page, read: (api: NonNullable<Window['handwrittenDigits']>) => T | Promise<T>): Promise<T> {
  return page.evaluate<T>(`(${read.toString()})(window.handwrittenDigits)`);
}

/**
 * What `entry` reads in the grid `cells`, worked out here in Node: the game's own reading
 * (game/shell/reading/recognise.ts: normalisation, the model, its "not a digit" threshold, the ink
 * check for models without that output), the model run by tfjs on the CPU.
 */
async function readInNode(entry: ModelEntry, cells: readonly number[]): Promise<{ answer: string | null; probabilities: readonly number[] }> {
  const model = await loadModel(join(REPO_ROOT, 'assets/models', entry.name));
  const grid = createGrid(IMAGE_SIZE, IMAGE_SIZE);
  grid.cells.set(cells);
  const classifier = {
    classify: async (pixels: Float32Array): Promise<Float32Array> => {
      const output = tf.tidy(() => model.predict(tf.tensor4d(pixels, [1, IMAGE_SIZE, IMAGE_SIZE, 1])) as tf.Tensor);
      const values = await output.data() as Float32Array;
      output.dispose();
      return values;
    },
  };
  const { prediction } = await recognise(grid, classifier, () => 0, entry.rejectThreshold);
  model.dispose();
  if (prediction.blank) throw new Error('the drawing is blank');
  return { answer: prediction.digit === null ? 'not a digit' : String(prediction.digit), probabilities: prediction.probabilities };
}

describe.skipIf(SKIP_REASON !== null).each(BROWSER_CONFIGS)(suiteTitle('the Compare mode in Chromium, $name', SKIP_REASON), (config) => {
  let server: RunningServer;
  let browser: Browser;
  let entries: readonly ModelEntry[] = [];
  let digit: LabelledDigit;

  beforeAll(async () => {
    await mkdir(join(SCREENSHOTS, config.id), { recursive: true });
    // MNIST test image #3: a 0 both shipped models read
    [digit] = await mnistTestDigitsAt([3], MNIST_DIR ?? '') as [LabelledDigit];
    const index = parseModelIndex(JSON.parse(await readFile(join(REPO_ROOT, 'assets/models/index.json'), 'utf8')));
    entries = index.models;
    const broken = { ...index.models[0], name: BROKEN, path: `${BROKEN}/model.json`, description: 'listed, never shipped' };
    server = await startGameServer(new Map([['models/index.json', jsonFile({ ...index, models: [...index.models, broken] })]]));
    browser = await launchChromium(config);
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  /** Draws `strokes` on the Compare grid with the mouse and checks every card against Node's reading of the drawing. */
  async function drawAndCheck(page: Page, strokes: readonly Stroke[]): Promise<CompareReport> {
    await page.keyboard.press('Escape');
    await drawStrokes(page, strokes, { size: IMAGE_SIZE, via: 'mouse' });
    const report = await api(page, (a) => a.settledCompare());
    const cells = (await api(page, (a) => a.gridCells())).cells;
    for (const entry of entries) {
      const column = report.columns.find((c) => c.name === entry.name);
      const truth = await readInNode(entry, cells);
      expect(column?.status, entry.name).toBe('ready');
      expect(column?.answer, entry.name).toBe(truth.answer);
      column?.probabilities.forEach((p, d) => { expect(p, `${entry.name} ${d}`).toBeCloseTo(truth.probabilities[d] ?? NaN, 2); });
    }
    const answers = new Set(report.columns.flatMap((c) => (c.answer === null ? [] : [c.answer])));
    expect(report.verdict).toMatch(answers.size === 1 ? /read|not a digit/ : /^They disagree/);
    return report;
  }

  test('the menu opens it; a drawn 0 and an H are read by every listed model as it really reads them; a model that fails says so on its card', { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ width: 1280, height: 800 });
    await page.goto(server.url);
    await page.waitForFunction(() => window.handwrittenDigits !== undefined, undefined, { timeout: 30_000 });
    await api(page, (a) => a.ready());
    const button = (await api(page, (a) => a.menuButtons())).find((b) => b.text === 'Compare');
    if (button === undefined) throw new Error('no Compare button on the menu');
    await page.mouse.click(button.rect.x + button.rect.width / 2, button.rect.y + button.rect.height / 2);
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'compare');

    const drawn = await drawAndCheck(page, traceStrokes(digit.pixels, IMAGE_SIZE, IMAGE_SIZE));
    expect(drawn.columns.map((c) => c.name)).toEqual([...entries.map((e) => e.name), BROKEN]);
    console.log(`compare, a drawn ${digit.label}: ${drawn.verdict}; ${drawn.columns.map((c) => `${c.name}: ${c.caption}`).join('; ')}`);
    await page.screenshot({ path: join(SCREENSHOTS, config.id, 'compare-desktop.png') });
    // an H, digit-sized: a model with the "not a digit" output can turn it away, one without names a digit
    const letter = await drawAndCheck(page, [
      [{ x: 9, y: 6 }, { x: 9, y: 22 }], [{ x: 19, y: 6 }, { x: 19, y: 22 }], [{ x: 9, y: 14 }, { x: 19, y: 14 }],
    ]);
    console.log(`compare, an H: ${letter.verdict}`);
    // the shipped models read it differently (checked against Node above): the cards disagree, and the line says so
    expect(new Set(letter.columns.flatMap((c) => (c.answer === null ? [] : [c.answer]))).size).toBeGreaterThan(1);

    const broken = drawn.columns.find((c) => c.name === BROKEN);
    expect(broken?.status).toBe('failed');
    expect(broken?.problem).toContain(`models/${BROKEN}/model.json`);
    expect(broken?.caption).toMatch(/^Could not load: /);
    // the message is on screen, in the warning colour, inside that card
    const rect = broken?.rect ?? { x: 0, y: 0, width: 0, height: 0 };
    const shot = await page.screenshot({ clip: rect });
    expect(colourPixels(shot, COLORS.warning)).toBeGreaterThan(200);
    await page.close();
  });

  test('phone, 390x844 at 3x: the cards are stacked under the grid, all on screen', { timeout: 60_000 }, async () => {
    const phone = await launchChromium(config, PHONE);
    const page = await phone.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => window.handwrittenDigits !== undefined, undefined, { timeout: 30_000 });
    await api(page, (a) => a.ready());
    await page.keyboard.press('p');
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'compare');
    await drawStrokes(page, traceStrokes(digit.pixels, IMAGE_SIZE, IMAGE_SIZE), { size: IMAGE_SIZE, via: 'events', pointerType: 'touch' });
    const report = await api(page, (a) => a.settledCompare());
    const grid = await api(page, (a) => a.gridRect());
    expect(report.columns.filter((c) => c.status === 'ready').map((c) => c.answer)).toContain(String(digit.label));
    for (const column of report.columns) {
      expect(column.rect.y, column.name).toBeGreaterThan(grid.y + grid.height);
      expect(column.rect.y + column.rect.height, column.name).toBeLessThanOrEqual(PHONE.height);
      expect(column.rect.width, column.name).toBeGreaterThan(300);
    }
    await page.screenshot({ path: join(SCREENSHOTS, config.id, 'compare-phone.png') });
    await phone.close();
  });
});
