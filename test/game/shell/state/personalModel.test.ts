import { describe, expect, test } from 'vitest';
import { heldOutLine, MAX_NOTED_EXAMPLES, moreNeededMessage, parsePersonalNote, personalModelMismatch, personalName, savedLine, type PersonalModelNote } from '../../../../game/shell/state/personalModel.ts';

const NOTE: PersonalModelNote = { base: 'default', examples: 37, heldOut: { n: 7, before: 4 / 7, after: 6 / 7 }, at: 5 };

test('the personal model is named after its base and the digits it learned', () => {
  expect(personalName(NOTE)).toBe('default + your 37 digits');
  expect(personalName({ ...NOTE, examples: 1 })).toBe('default + your 1 digit');
});

test('a note reads back; a damaged one is null (the base model plays)', () => {
  expect(parsePersonalNote(NOTE)).toEqual(NOTE);
  for (const value of [null, 'note', { ...NOTE, base: '' }, { ...NOTE, examples: 2.5 }, { ...NOTE, heldOut: null },
    { ...NOTE, heldOut: { n: 1, before: 2, after: 0 } }, { ...NOTE, at: '5' }]) {
    expect(parsePersonalNote(value)).toBeNull();
  }
});

test('a note the game could not have written is refused, not shown ("default + your 1e+300 digits")', () => {
  expect(parsePersonalNote({ ...NOTE, examples: MAX_NOTED_EXAMPLES })).toEqual({ ...NOTE, examples: MAX_NOTED_EXAMPLES });
  for (const value of [{ ...NOTE, examples: 1e300 }, { ...NOTE, examples: MAX_NOTED_EXAMPLES + 1 }, { ...NOTE, examples: -1 },
    { ...NOTE, base: '../seed' }, { ...NOTE, base: 'Default' }, { ...NOTE, heldOut: { ...NOTE.heldOut, n: 38 } },
    { ...NOTE, heldOut: { ...NOTE.heldOut, n: 1.5 } }, { ...NOTE, at: Number.NaN }]) {
    expect(parsePersonalNote(value)).toBeNull();
  }
});

describe('personalModelMismatch: saved weights against the note and the base playing', () => {
  const DEFAULT_SHAPES = [[3, 3, 1, 32], [32], [800, 10], [10]];
  const SEED_SHAPES = [[5, 5, 1, 8], [8], [1152, 10], [10]];
  const seedNote = { ...NOTE, base: 'seed' };
  test.each([
    { why: 'taught on the base its note names', note: NOTE, metadata: { base: 'default' }, shapes: DEFAULT_SHAPES, base: DEFAULT_SHAPES, problem: null },
    { why: 'saved before the metadata, with the base\'s shapes', note: NOTE, metadata: undefined, shapes: DEFAULT_SHAPES, base: DEFAULT_SHAPES, problem: null },
    { why: 'default-taught weights whose note says seed', note: seedNote, metadata: { base: 'default' }, shapes: DEFAULT_SHAPES, base: DEFAULT_SHAPES, problem: 'was taught on default, not on seed as its note says' },
    { why: 'weights of another architecture, no metadata', note: seedNote, metadata: {}, shapes: DEFAULT_SHAPES, base: SEED_SHAPES, problem: 'does not have the weights of seed, the model its note says it was taught on' },
  ])('$why', ({ note, metadata, shapes, base, problem }) => {
    expect(personalModelMismatch(note, metadata, shapes, base)).toBe(problem);
  });
});

test('the held-out line gives both accuracies, or says none were held out', () => {
  expect(heldOutLine(NOTE.heldOut)).toBe('Your 7 digits, each read by a model taught without it: 57% right before, 86% after');
  expect(heldOutLine({ n: 0, before: 0, after: 0 })).toBe('No digits were held out to measure the personal model');
});

test('too few digits: how many more', () => {
  expect(moreNeededMessage(1)).toBe('Save 1 more digit to teach the model');
  expect(moreNeededMessage(8)).toBe('Save 8 more digits to teach the model');
});

test.each<[number, number, string]>([
  [1, 9, '1 digit saved · 9 more to teach'],
  [8, 2, '8 digits saved · 2 more to teach'],
  [12, 0, '12 digits saved'],
])('%i saved, %i more needed: one line says both', (saved, needed, line) => {
  expect(savedLine(saved, needed)).toBe(line);
});

test('nothing saved: how to save one', () => {
  expect(savedLine(0, 10)).toContain('press the digit you meant');
});
