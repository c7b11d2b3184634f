import { expect, test } from 'vitest';
import { inReadingOrder } from '../../../../game/shell/layout/readingOrder.ts';
import type { Rect } from '../../../../game/shell/layout/rect.ts';

interface Box { readonly name: string; readonly rect: Rect }
const box = (name: string, x: number, y: number, width = 100, height = 40): Box => ({ name, rect: { x, y, width, height } });
const names = (boxes: readonly Box[]): string[] => inReadingOrder(boxes, (b) => b.rect).map((b) => b.name);

test.each([
  ['one column, created bottom-up', [box('c', 0, 200), box('a', 0, 0), box('b', 0, 100)], ['a', 'b', 'c']],
  ['one row, created right to left', [box('right', 300, 10), box('left', 0, 10), box('mid', 150, 10)], ['left', 'mid', 'right']],
  ['a row a few pixels uneven stays a row', [box('second', 200, 503), box('first', 0, 500)], ['first', 'second']],
  ['a header row above a button column', [box('menu', 900, 20, 80, 30), box('reset', 600, 300), box('title', 20, 25, 80, 30), box('classify', 600, 360)], ['title', 'menu', 'reset', 'classify']],
  ['nothing', [], []],
])('%s', (_, boxes, order) => {
  expect(names(boxes)).toEqual(order);
});
