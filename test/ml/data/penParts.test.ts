import { describe, expect, test } from 'vitest';
import { writerParts, type PenSample, type WriterPart } from '../../../ml/data/pen.ts';

// Groups shaped like the real data's: one writer, two, three, a dozen and sixty.
const GROUPS: Readonly<Record<string, number>> = { lou: 1, val: 2, gmd: 3, syn: 12, tos: 60 };
const SAMPLES: PenSample[] = Object.entries(GROUPS).flatMap(([contributor, writers]) =>
  Array.from({ length: writers }, (_, w) => Array.from({ length: 3 }, (_, k) => ({ label: k, contributor, writer: `w${w}`, strokes: [[0, 0, 1, 1]] }))).flat(),
);
const WRITERS = Object.values(GROUPS).reduce((a, b) => a + b, 0);

function byPart(parts: ReadonlyMap<string, WriterPart>, part: WriterPart): string[] {
  return [...parts].filter(([, p]) => p === part).map(([writer]) => writer);
}

describe('writerParts', () => {
  test('the fixed split: a fifth of every group of two or more tests, a tenth of three or more validates', () => {
    const parts = writerParts(SAMPLES);
    expect(parts.size).toBe(WRITERS);
    const count = (group: string, part: WriterPart) => byPart(parts, part).filter((w) => w.startsWith(`${group}/`)).length;
    expect([count('lou', 'test'), count('val', 'test'), count('gmd', 'test'), count('syn', 'test'), count('tos', 'test')]).toEqual([0, 1, 1, 2, 12]);
    expect([count('lou', 'validation'), count('val', 'validation'), count('gmd', 'validation'), count('syn', 'validation'), count('tos', 'validation')]).toEqual([0, 0, 1, 1, 6]);
  });

  test('folds: every writer is tested in exactly one fold, and a fold never trains or validates on its test writers', () => {
    const folds = 5;
    const tested = new Map<string, number>();
    for (let index = 0; index < folds; index++) {
      const parts = writerParts(SAMPLES, { count: folds, index });
      expect(parts.size).toBe(WRITERS);
      for (const writer of byPart(parts, 'test')) tested.set(writer, (tested.get(writer) ?? 0) + 1);
      expect(byPart(parts, 'train').length).toBeGreaterThan(byPart(parts, 'test').length);
      // the 60 writers of one group are dealt evenly: 12 a fold
      expect(byPart(parts, 'test').filter((w) => w.startsWith('tos/'))).toHaveLength(12);
      expect(byPart(parts, 'validation').filter((w) => w.startsWith('tos/')).length).toBeGreaterThan(0);
    }
    expect(tested.size).toBe(WRITERS);
    expect([...tested.values()].every((n) => n === 1)).toBe(true);
  });
});
