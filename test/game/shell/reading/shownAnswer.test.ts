import { expect, test } from 'vitest';
import { ShownAnswer } from '../../../../game/shell/reading/shownAnswer.ts';

test('an answer for an older grid than the one shown is dropped; same or newer is shown', () => {
  const shown = new ShownAnswer({ gridVersion: 3, text: 'blank after reset' });
  expect(shown.offer({ gridVersion: 2, text: 'stale' })).toBe(false);
  expect(shown.current().text).toBe('blank after reset');
  expect(shown.offer({ gridVersion: 3, text: 'same grid' })).toBe(true);
  expect(shown.offer({ gridVersion: 5, text: 'newer' })).toBe(true);
  expect(shown.current().text).toBe('newer');
  expect(shown.isFor(5)).toBe(true);
  expect(shown.isFor(6)).toBe(false);
  shown.replace({ gridVersion: 1, text: 'replaced' });
  expect(shown.current().text).toBe('replaced');
});
