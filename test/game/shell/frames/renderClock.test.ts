import { expect, test } from 'vitest';
import { RenderClock } from '../../../../game/shell/frames/renderClock.ts';

test('a still screen renders only for a while after input, a change or an animating screen always', () => {
  let t = 1000;
  const clock = new RenderClock(() => t, 250);
  expect(clock.due(t, false, false)).toBe(false);
  expect(clock.due(t, true, false)).toBe(true);
  expect(clock.due(t, false, true)).toBe(true);
  clock.invalidate();
  t = 1250;
  expect(clock.due(t, false, false)).toBe(true);
  t = 1251;
  expect(clock.due(t, false, false)).toBe(false);
});
