import { expect, test } from 'vitest';
import { trainedEntry } from '../../../../../game/modes/train/state/trainedEntry.ts';

test('a kept network is named for its training, measured on the held-out digits, with no card of another model and no "not a digit"', () => {
  const entry = trainedEntry({ steps: 812, accuracy: 0.967 }, 5994);
  expect(entry.name).toBe('trained here (812 steps)');
  expect(entry.testAccuracy).toBe(0.967);
  expect(entry.rejectThreshold).toBeNull();
  expect(entry.path).not.toMatch(/^default\//);
  expect(entry.weightBytes).toBe(5994 * 4);
});
