import { expect, test } from 'vitest';
import { freeSubtitle, initialPointerKind, meantHint, pointerKindAfter, type PointerKind } from '../../../../game/shell/state/pointerKind.ts';

test('a coarse primary pointer starts as touch, a fine one as mouse', () => {
  expect(initialPointerKind(true)).toBe('touch');
  expect(initialPointerKind(false)).toBe('mouse');
});

test.each<[PointerKind, string, PointerKind]>([
  ['mouse', 'touch', 'touch'],
  ['mouse', 'pen', 'touch'],
  ['touch', 'mouse', 'mouse'],
  ['touch', 'touch', 'touch'],
  // a pointer type the browser does not name keeps the kind there was
  ['touch', '', 'touch'],
  ['mouse', 'kinect', 'mouse'],
])('from %s, a %s press gives %s', (before, pointerType, after) => {
  expect(pointerKindAfter(before, pointerType)).toBe(after);
});

test('with a finger the hints say tap and name no key; with a mouse they name the keys and a click', () => {
  expect(meantHint('touch')).toMatch(/^Misread\? Tap /);
  expect(meantHint('mouse')).toMatch(/0-9/);
  expect(meantHint('mouse')).toMatch(/click/);
  expect(freeSubtitle('touch')).not.toMatch(/Enter|Esc|0-9/);
  expect(freeSubtitle('touch')).toMatch(/tap a bar/);
  expect(freeSubtitle('mouse')).toMatch(/Enter classifies/);
});
