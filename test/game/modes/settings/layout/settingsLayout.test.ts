import { expect, test } from 'vitest';
import type { Rect } from '../../../../../game/shell/layout/rect.ts';
import { computeSettingsLayout } from '../../../../../game/modes/settings/layout/settingsLayout.ts';

const inside = (r: Rect, w: number, h: number): boolean => r.x >= 0 && r.y >= 0 && r.x + r.width <= w + 0.5 && r.y + r.height <= h + 0.5;
const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test.each([
  { w: 390, h: 844 }, { w: 320, h: 568 }, { w: 844, h: 390 }, { w: 960, h: 640 }, { w: 1920, h: 1080 },
])('$w x $h: every control fits, none overlaps, all are touch-sized', ({ w, h }) => {
  const l = computeSettingsLayout(w, h, 3);
  const controls = [...l.rows.flatMap((r) => [r.minus, r.value, r.plus]), l.sound, l.back];
  const parts = [l.title, ...l.rows.map((r) => r.label), ...controls];
  for (const part of parts) expect(inside(part, w, h), JSON.stringify(part)).toBe(true);
  parts.forEach((a, i) => {
    parts.slice(i + 1).forEach((b) => { expect(overlaps(a, b)).toBe(false); });
  });
  for (const control of controls) expect(control.height).toBeGreaterThanOrEqual(44);
});
