import { expect, test } from 'vitest';
import { menuChoice, menuNote } from '../../../../game/modes/menu/menuKeys.ts';

// The menu's items as game/screens.ts lists them: their keys, in order.
const ITEMS = [{ keys: ['f'] }, { keys: ['c', 'Enter'] }, { keys: ['n'] }, { keys: ['i'] }, { keys: ['d'] }, { keys: ['o'] }];

test.each<[string, number | null]>([
  ['f', 0], ['F', 0], ['1', 0],
  ['c', 1], ['C', 1], ['Enter', 1], ['2', 1],
  ['n', 2], ['N', 2], ['3', 2],
  ['i', 3], ['I', 3], ['4', 3],
  ['d', 4], ['D', 4], ['5', 4],
  ['o', 5], ['6', 5],
  ['7', null], ['0', null], ['Escape', null], ['m', null], [' ', null], ['x', null],
])('key %s picks item %s', (key, index) => {
  expect(menuChoice(ITEMS, key)).toBe(index);
});

test('a letter wins over a position: an item keyed "2" is picked by 2 before the second item', () => {
  expect(menuChoice([{ keys: ['a'] }, { keys: ['b'] }, { keys: ['2'] }], '2')).toBe(2);
});

test('the note names the first key, in capitals', () => {
  expect(menuNote({ keys: ['c', 'Enter'] }, '5 rounds')).toBe('C · 5 rounds');
  expect(menuNote({ keys: [] }, 'no key')).toBe('no key');
});
