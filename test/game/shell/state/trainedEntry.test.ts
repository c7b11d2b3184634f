import { expect, test } from 'vitest';
import { parseKeptNote, trainedEntry } from '../../../../game/shell/state/trainedEntry.ts';

test('a kept network is named for its training, measured on the held-out digits, with no card of another model and no "not a digit"', () => {
  const entry = trainedEntry({ steps: 812, accuracy: 0.967 }, 5994);
  expect(entry.name).toBe('trained here (812 steps)');
  expect(entry.testAccuracy).toBe(0.967);
  expect(entry.rejectThreshold).toBeNull();
  expect(entry.path).not.toMatch(/^default\//);
  expect(entry.weightBytes).toBe(5994 * 4);
});

test('the note kept with a network is read back as saved, and a damaged or foreign one is refused', () => {
  expect(parseKeptNote({ steps: 812, accuracy: 0.967 })).toEqual({ steps: 812, accuracy: 0.967 });
  expect(parseKeptNote({ steps: 0, accuracy: null })).toEqual({ steps: 0, accuracy: null });
  for (const bad of [null, undefined, 'x', {}, { steps: -1, accuracy: 0.5 }, { steps: 1.5, accuracy: 0.5 }, { steps: 3, accuracy: 1.2 }, { steps: 3, accuracy: Number.NaN }, { steps: 3 }, { steps: '3', accuracy: 0.5 }]) {
    expect(parseKeptNote(bad), JSON.stringify(bad)).toBeNull();
  }
});
