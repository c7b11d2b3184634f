import { expect, test } from 'vitest';
import { IMAGE_PIXELS } from '../../../../common/digit.ts';
import { asTrainingSet, byLabel, checkCorrection, parseStoredExample, savedMessage, type Correction, type StoredExample } from '../../../../game/shell/state/personalExample.ts';

function correction(overrides: Partial<Correction> = {}): Correction {
  const grid = new Float32Array(IMAGE_PIXELS);
  grid[400] = 1;
  const input = new Float32Array(IMAGE_PIXELS);
  input[406] = 0.5;
  return { label: 4, input, grid, gridWidth: 28, gridHeight: 28, guess: 9, confidence: 0.8, ...overrides };
}

test('a drawing with a label 0-9 is kept whole: input, grid, label, guess, confidence and time', () => {
  const verdict = checkCorrection(correction(), 1234);
  if (!verdict.ok) throw new Error(verdict.message);
  expect(verdict.example.label).toBe(4);
  expect(verdict.example.guess).toBe(9);
  expect(verdict.example.confidence).toBe(0.8);
  expect(verdict.example.at).toBe(1234);
  expect(verdict.example.input[406]).toBe(0.5);
  expect(verdict.example.grid[400]).toBe(1);
});

test.each<[number, number | null, string]>([
  [7, 7, 'Saved as a 7, it read 7'],
  [7, 1, 'Saved as a 7, it read 1 · teach it in My digits'],
  [4, null, 'Saved as a 4, it read no digit · teach it in My digits'],
])('saving %i read as %s says so', (label, guess, message) => {
  expect(savedMessage(label, guess)).toBe(message);
});

test('the example is a copy: drawing on after saving does not change it', () => {
  const input = correction();
  const verdict = checkCorrection(input, 0);
  input.grid[0] = 1;
  input.input?.fill(1);
  if (!verdict.ok) throw new Error(verdict.message);
  expect(verdict.example.grid[0]).toBe(0);
  expect(verdict.example.input[0]).toBe(0);
});

test.each<[string, Partial<Correction>, string]>([
  ['a label above 9', { label: 10 }, 'Not saved: 10 is not a digit 0-9'],
  ['a negative label', { label: -1 }, 'Not saved: -1 is not a digit 0-9'],
  ['a fractional label', { label: 2.5 }, 'Not saved: 2.5 is not a digit 0-9'],
  ['a blank normalisation', { input: null }, 'Not saved: draw a digit first'],
  ['a blank grid', { grid: new Float32Array(IMAGE_PIXELS) }, 'Not saved: draw a digit first'],
  ['a wrong-sized input', { input: new Float32Array(10).fill(1) }, 'Not saved: the model input has 10 pixels, not 784'],
])('%s is refused with a message', (_, overrides, message) => {
  expect(checkCorrection(correction(overrides), 0)).toEqual({ ok: false, message });
});

function stored(id: number, label: number, at: number): StoredExample {
  const verdict = checkCorrection(correction({ label }), at);
  if (!verdict.ok) throw new Error(verdict.message);
  return { ...verdict.example, id };
}

test('a stored example reads back; damaged records are null', () => {
  const good = stored(3, 7, 10);
  expect(parseStoredExample(good)).toEqual(good);
  const damaged: unknown[] = [
    null, 'x', [], { ...good, id: '3' }, { ...good, input: Array.from(good.input) }, { ...good, input: new Float32Array(5) },
    { ...good, input: new Float32Array(IMAGE_PIXELS).fill(2) }, { ...good, gridWidth: 27 }, { ...good, label: 10 },
    { ...good, guess: 11 }, { ...good, confidence: 'high' }, { ...good, at: undefined },
  ];
  for (const value of damaged) expect(parseStoredExample(value)).toBeNull();
  expect(parseStoredExample({ ...good, guess: null, confidence: null })).not.toBeNull();
});

test('the training set lays the inputs out n x 784 with their labels, in order', () => {
  const a = stored(1, 2, 0);
  const b = stored(2, 8, 1);
  const set = asTrainingSet([a, b]);
  expect(set.labels).toEqual(Uint8Array.from([2, 8]));
  expect(set.images.length).toBe(2 * IMAGE_PIXELS);
  expect(set.images[IMAGE_PIXELS + 406]).toBe(0.5);
});

test('the gallery rows group by label, oldest first', () => {
  const rows = byLabel([stored(1, 3, 30), stored(2, 3, 10), stored(3, 0, 20)]);
  expect(rows).toHaveLength(10);
  expect(rows[3]?.map((e) => e.id)).toEqual([2, 1]);
  expect(rows[0]?.map((e) => e.id)).toEqual([3]);
  expect(rows[5]).toEqual([]);
});
