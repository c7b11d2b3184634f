import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IMAGE_PIXELS, NUM_CLASSES } from '../../common/digit.ts';
import { MIN_EXAMPLES } from '../../common/personal/examples.ts';
import { EXPORT_NAMES } from '../../game/modes/digits/exportDigits.ts';
import { asImages, asLabels, parseIdx } from '../../ml/data/idx.ts';
import { computeMyDigitsLayout, thumbRect, type MyDigitsButton } from '../../game/modes/digits/layout/myDigitsLayout.ts';
import type { HandwrittenDigitsApi } from '../../game/shell/platform/api.ts';
import type { RunningServer } from '../../scripts/server.ts';
import { REPO_ROOT } from '../../scripts/site.ts';
import { launchChromium, type Browser, skipReason, suiteTitle } from './harness.ts';
import { drawStrokes, openGame, settledPrediction } from '../../scripts/browser/draw.ts';
import { MNIST_DIR, mnistTestDigits, type LabelledDigit } from '../../scripts/browser/mnistDigits.ts';
import { traceStrokes } from '../../scripts/browser/strokes.ts';
import { startGameServer } from './harness.ts';
import { brightShare, screenshotLuma } from './screenPixels.ts';

const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'personal');
const VIEWPORT = { width: 960, height: 640 };
/** MNIST test digits per class saved before teaching: enough that the fine-tune holds some out to measure. */
const PER_CLASS = 5;
/** A thumbnail with a digit in it has ink well above this share of bright pixels; an empty slot has none. */
const INK_SHARE = 0.05;

const SKIP_REASON = skipReason({ models: true, mnist: true });

function api<T>(page: Page, read: (a: HandwrittenDigitsApi) => T | Promise<T>): Promise<T> {
  return page.evaluate<T>(`(${read.toString()})(window.handwrittenDigits)`);
}

async function click(page: Page, rect: { x: number; y: number; width: number; height: number }): Promise<void> {
  await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
}

async function pressButton(page: Page, name: MyDigitsButton): Promise<void> {
  await click(page, computeMyDigitsLayout(VIEWPORT.width, VIEWPORT.height).buttons[name]);
}

/**
 * Two animation frames: Pixi hit-tests with the transforms of the last render, so thumbnails built
 * on entering My digits take clicks once they have been drawn (as they must be before a player sees them).
 */
async function afterFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => { requestAnimationFrame(() => { requestAnimationFrame(() => { resolve(); }); }); }));
}

/** Loads the game in free draw and waits until the saved digits and any personal model are back. */
async function reopen(page: Page, url: string): Promise<void> {
  await openGame(page, url);
  await api(page, (a) => a.personalReady());
}

/** tfjs's IndexedDB database, where the personal model's weights are (game/modes/digits/platform/personalModelFiles.ts) */
const TFJS_DB = { name: 'tensorflowjs', store: 'models_store', key: 'handwritten-digits-personal', backup: 'test-backup' } as const;

/**
 * Keeps a copy of the personal model's saved record (keyed by its modelPath) under `backup`, then,
 * when `damage`, overwrites all its weights with NaN; without, puts the copy back.
 */
function savedWeights(page: Page, damage: boolean): Promise<void> {
  return page.evaluate(({ db, damage }) => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open(db.name);
    open.onsuccess = () => {
      const tx = open.result.transaction(db.store, 'readwrite');
      const store = tx.objectStore(db.store);
      const get = store.get(damage ? db.key : db.backup);
      get.onsuccess = () => {
        const record = get.result as { modelPath: string; modelArtifacts: { weightData: ArrayBuffer | ArrayBuffer[] } };
        if (damage) {
          const data = record.modelArtifacts.weightData;
          const bytes = Array.isArray(data) ? data.reduce((sum, part) => sum + part.byteLength, 0) : data.byteLength;
          store.put({ ...record, modelPath: db.backup });
          store.put({ ...record, modelArtifacts: { ...record.modelArtifacts, weightData: new Float32Array(bytes / 4).fill(Number.NaN).buffer } });
        } else {
          store.put({ ...record, modelPath: db.key });
          store.delete(db.backup);
        }
      };
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => { reject(new Error(`could not ${damage ? 'damage' : 'restore'} the saved weights`)); };
    };
  }), { db: TFJS_DB, damage });
}

describe.skipIf(SKIP_REASON !== null)(suiteTitle('your own digits in Chromium', SKIP_REASON), () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let digits: LabelledDigit[];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    digits = await mnistTestDigits(PER_CLASS, MNIST_DIR ?? '');
    server = await startGameServer();
    browser = await launchChromium();
    page = await browser.newPage(VIEWPORT);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 120_000);

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  test('draw, correct with a key and with a bar, see them in My digits, still there after a reload', { timeout: 120_000 }, async () => {
    await reopen(page, server.url);
    expect(await api(page, (a) => a.personal().examples)).toBe(0);
    const [seven, three] = [digits.find((d) => d.label === 7), digits.find((d) => d.label === 3)];
    if (seven === undefined || three === undefined) throw new Error('no MNIST 7 or 3');

    // a blank canvas is refused
    await page.keyboard.press('4');
    expect(await api(page, (a) => a.personal().examples)).toBe(0);

    await drawStrokes(page, traceStrokes(seven.pixels, 28, 28), { size: 28, via: 'mouse' });
    const guess = await settledPrediction(page);
    // the model reads this clean 7 right, so the 7 key must ask before saving it
    expect(guess.digit).toBe(7);
    await page.keyboard.press('7');
    await afterFrames(page);
    expect(await api(page, (a) => a.personal().examples)).toBe(0);
    await page.keyboard.press('7');
    await page.waitForFunction(() => window.handwrittenDigits?.personal().perDigit[7] === 1);
    await page.screenshot({ path: join(SCREENSHOTS, 'free-saved.png') });

    await page.keyboard.press('Escape');
    await drawStrokes(page, traceStrokes(three.pixels, 28, 28), { size: 28, via: 'mouse' });
    expect((await settledPrediction(page)).digit).toBe(3);
    // a bar is the same gesture: the first click on the digit it reads asks, the second saves
    const bar = await api(page, (a) => a.barRect(3));
    await click(page, bar);
    await afterFrames(page);
    expect(await api(page, (a) => a.personal().perDigit[3])).toBe(0);
    await click(page, bar);
    await page.waitForFunction(() => window.handwrittenDigits?.personal().perDigit[3] === 1);
    expect(await api(page, (a) => a.personal().examples)).toBe(2);

    await page.keyboard.press('m');
    await page.keyboard.press('d');
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'digits');
    const layout = computeMyDigitsLayout(VIEWPORT.width, VIEWPORT.height);
    const inkIn = async (digit: number): Promise<number> => {
      const rect = thumbRect(layout, digit, 0);
      if (rect === null) throw new Error(`no thumbnail slot for ${digit}`);
      return brightShare(await screenshotLuma(page), rect, 128);
    };
    await page.screenshot({ path: join(SCREENSHOTS, 'my-digits.png') });
    expect(await inkIn(7)).toBeGreaterThan(INK_SHARE);
    expect(await inkIn(3)).toBeGreaterThan(INK_SHARE);
    expect(await inkIn(5)).toBe(0);

    // Export: two downloads that evaluate's IDX reader takes, holding what the gallery shows
    const downloads: Download[] = [];
    page.on('download', (download) => downloads.push(download));
    await pressButton(page, 'export');
    await expect.poll(() => downloads.length).toBe(2);
    const files = new Map(await Promise.all(downloads.map(async (d) => [d.suggestedFilename(), await readFile(await d.path())] as const)));
    const images = asImages(parseIdx(files.get(EXPORT_NAMES.images) ?? new Uint8Array(), 'images'), 'images');
    const labels = asLabels(parseIdx(files.get(EXPORT_NAMES.labels) ?? new Uint8Array(), 'labels'), 'labels', NUM_CLASSES);
    expect([...labels].sort()).toEqual([3, 7]);
    expect(images.count).toBe(2);
    // the model input: a centred digit, as many inked pixels as the MNIST digit it was drawn from, roughly
    expect(images.data.subarray(0, IMAGE_PIXELS).filter((v) => v > 128).length).toBeGreaterThan(40);
    page.removeAllListeners('download');

    await reopen(page, server.url);
    expect(await api(page, (a) => a.personal().perDigit)).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 0]);
    expect(pageErrors).toEqual([]);
  });

  test('teach: refused below the minimum, then a personal model plays, survives a reload, and one click goes back to base', { timeout: 240_000 }, async () => {
    const base = await api(page, (a) => a.modelName());
    const refused = await api(page, (a) => a.teach());
    expect(refused.ms).toBeNull();
    expect(refused.message).toBe(`Save ${MIN_EXAMPLES - 2} more digits to teach the model`);

    for (const digit of digits) {
      const message = await page.evaluate(async ({ cells, label }) => window.handwrittenDigits?.saveExample(cells, label), { cells: Array.from(digit.pixels), label: digit.label });
      expect(message).toBe(`Saved as a ${digit.label}, it read no digit · teach it in My digits`);
    }
    const count = 2 + digits.length;
    await page.keyboard.press('m');
    await page.keyboard.press('d');
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'digits');
    await pressButton(page, 'teach');
    await page.waitForFunction(() => window.handwrittenDigits?.personal().teaching === true);
    await page.screenshot({ path: join(SCREENSHOTS, 'teaching.png') });
    await page.waitForFunction(() => window.handwrittenDigits?.personal().personalModel !== null, undefined, { timeout: 180_000 });
    const personal = `${base ?? ''} + your ${count} digits`;
    expect(await api(page, (a) => a.modelName())).toBe(personal);
    expect(await api(page, (a) => a.modelLabel())).toContain(personal);
    // read by the game's kernel, as the base model is: a taught model answers as fast
    expect(await api(page, (a) => a.stats().backend)).toBe('wasm-simd');
    expect(await api(page, (a) => a.modelLabel())).toContain('WASM SIMD');
    const heldOut = await api(page, (a) => a.personal().heldOut);
    // the rotating hold-out reads every saved digit, each by a model taught without it, from the first teach
    expect(heldOut?.n).toBe(count);
    expect(heldOut?.after).toBeGreaterThanOrEqual(0.8);
    await page.screenshot({ path: join(SCREENSHOTS, 'my-digits-taught.png') });

    await reopen(page, server.url);
    await page.waitForFunction((name) => window.handwrittenDigits?.modelName() === name, personal, { timeout: 30_000 });
    expect(await api(page, (a) => a.stats().backend)).toBe('wasm-simd');
    // the personal model reads: a drawing gets a guess
    await drawStrokes(page, traceStrokes((digits[0] ?? { pixels: new Float32Array(784) }).pixels, 28, 28), { size: 28, via: 'mouse' });
    const read = (await settledPrediction(page)).digit;
    expect(read).not.toBeNull();
    // Compare reads the same drawing with the personal model too, in a card of its own after the listed models
    await page.keyboard.press('m');
    await page.keyboard.press('p');
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'compare');
    const compared = await api(page, (a) => a.settledCompare());
    const mine = compared.columns[compared.columns.length - 1];
    expect(mine).toMatchObject({ name: personal, kind: 'personal', status: 'ready', answer: String(read) });
    expect(compared.columns.filter((c) => c.kind === 'listed').map((c) => c.status)).not.toContain('failed');

    // the saved weights damaged (NaN): refused with a message naming a weight, the base plays, and
    // the saved model is back in one piece once they are restored
    await savedWeights(page, true);
    await reopen(page, server.url);
    // the saved model is read after the base model is ready (with tfjs-layers, fetched then)
    await page.waitForFunction(() => window.handwrittenDigits?.message().includes('your personal model') === true, undefined, { timeout: 30_000 });
    expect(await api(page, (a) => a.modelName())).toBe(base);
    expect(await api(page, (a) => a.message())).toMatch(new RegExp(`your personal model cannot be played: weight \\S+ holds NaN at index 0.*; playing ${base ?? ''}`));
    await savedWeights(page, false);
    await reopen(page, server.url);
    await page.waitForFunction((name) => window.handwrittenDigits?.modelName() === name, personal, { timeout: 30_000 });

    await page.keyboard.press('m');
    await page.keyboard.press('d');
    await pressButton(page, 'base');
    await page.waitForFunction((name) => window.handwrittenDigits?.modelName() === name, base);
    const afterBase = await api(page, (a) => a.stats().numTensors);
    await reopen(page, server.url);
    expect(await api(page, (a) => a.modelName())).toBe(base);
    expect(await api(page, (a) => a.personal().examples)).toBe(count);
    // the personal model's tensors went with it: what was left is the base model as layers (built
    // by the restore to compare shapes), the count a fresh page reaches when Inside builds it
    expect(await api(page, (a) => a.stats().numTensors)).toBe(0);
    await page.keyboard.press('m');
    await page.keyboard.press('i');
    await page.waitForFunction((n) => window.handwrittenDigits?.stats().numTensors === n, afterBase, { timeout: 30_000 });
    expect(pageErrors).toEqual([]);
  });

  test('a damaged saved digit is skipped with a message', { timeout: 60_000 }, async () => {
    await page.evaluate(() => new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('handwritten-digits');
      open.onsuccess = () => {
        const tx = open.result.transaction('examples', 'readwrite');
        tx.objectStore('examples').add({ input: 'not pixels', label: 3 });
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => { reject(new Error('could not write the damaged record')); };
      };
    }));
    await reopen(page, server.url);
    expect(await api(page, (a) => a.message())).toContain('1 saved digit was damaged and skipped');
    expect(await api(page, (a) => a.personal().examples)).toBe(2 + digits.length);
  });

  test('My digits: select one and delete it; Clear all asks twice; both last across a reload', { timeout: 60_000 }, async () => {
    const before = await api(page, (a) => a.personal().perDigit);
    await page.keyboard.press('m');
    await page.keyboard.press('d');
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'digits');
    const zero = thumbRect(computeMyDigitsLayout(VIEWPORT.width, VIEWPORT.height), 0, 0);
    if (zero === null) throw new Error('no thumbnail slot for 0');
    await afterFrames(page);
    await click(page, zero);
    await pressButton(page, 'delete');
    await page.waitForFunction((n) => window.handwrittenDigits?.personal().perDigit[0] === n, (before[0] ?? 0) - 1);
    const left = await api(page, (a) => a.personal().examples);
    await pressButton(page, 'clear');
    expect(await api(page, (a) => a.personal().examples)).toBe(left);
    await pressButton(page, 'clear');
    await page.waitForFunction(() => window.handwrittenDigits?.personal().examples === 0);
    await page.screenshot({ path: join(SCREENSHOTS, 'my-digits-cleared.png') });
    await reopen(page, server.url);
    expect(await api(page, (a) => a.personal().examples)).toBe(0);
  });

  test('a challenge summary: the misread round is selected and a digit key saves its drawing', { timeout: 90_000 }, async () => {
    await page.goto(`${server.url}?rounds=1&seconds=4`);
    await page.waitForFunction(() => window.handwrittenDigits !== undefined, undefined, { timeout: 30_000 });
    await page.evaluate(async () => window.handwrittenDigits?.ready());
    await api(page, (a) => a.personalReady());
    const before = await api(page, (a) => a.personal().examples);
    await page.keyboard.press('c');
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'challenge');
    const asked = await api(page, (a) => a.mode().target);
    // a digit other than the one asked: the round is lost, with a drawing to correct
    const drawn = digits.find((d) => d.label !== asked);
    if (drawn === undefined) throw new Error('no MNIST digit');
    await drawStrokes(page, traceStrokes(drawn.pixels, 28, 28), { size: 28, via: 'mouse' });
    await page.waitForFunction(() => window.handwrittenDigits?.mode().kind === 'summary', undefined, { timeout: 30_000 });
    // the round's drawing may be read as the digit drawn: then the first press asks and the second saves
    await page.keyboard.press(String(drawn.label));
    await page.keyboard.press(String(drawn.label));
    await page.waitForFunction((n) => window.handwrittenDigits?.personal().examples === n, before + 1);
    await afterFrames(page);
    expect(await api(page, (a) => a.personal().examples)).toBe(before + 1);
    expect((await api(page, (a) => a.personal().perDigit))[drawn.label]).toBe(1);
    expect((await api(page, (a) => a.mode())).kind).toBe('summary');
  });

  test('storage denied: a message, and the game still plays and corrects for this visit', { timeout: 60_000 }, async () => {
    const denied = await browser.newPage(VIEWPORT);
    denied.on('pageerror', (error) => pageErrors.push(error.message));
    await denied.addInitScript(() => {
      IDBFactory.prototype.open = () => { throw new DOMException('denied', 'SecurityError'); };
    });
    await reopen(denied, server.url);
    expect(await api(denied, (a) => a.message())).toContain('Your digits cannot be saved: storage is not allowed here');
    const digit = digits[5];
    if (digit === undefined) throw new Error('no MNIST digit');
    await drawStrokes(denied, traceStrokes(digit.pixels, 28, 28), { size: 28, via: 'mouse' });
    expect((await settledPrediction(denied)).digit).toBe(digit.label);
    await denied.keyboard.press(String(digit.label));
    await denied.keyboard.press(String(digit.label));
    await denied.waitForFunction(() => window.handwrittenDigits?.personal().examples === 1);
    await denied.close();
    expect(pageErrors).toEqual([]);
  });
});
