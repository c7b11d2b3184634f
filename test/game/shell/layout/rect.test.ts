import { describe, expect, test } from 'vitest';
import { computeFreeLayout, type Rect } from '../../../../game/shell/layout/rect.ts';

const inside = (r: Rect, w: number, h: number): boolean => r.x >= 0 && r.y >= 0 && r.x + r.width <= w + 0.5 && r.y + r.height <= h + 0.5;
const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('computeFreeLayout', () => {
  test.each([
    { name: 'phone portrait', w: 390, h: 844, orientation: 'portrait' },
    { name: 'small phone', w: 320, h: 568, orientation: 'portrait' },
    { name: 'tablet portrait', w: 768, h: 1024, orientation: 'portrait' },
    { name: 'laptop', w: 1280, h: 800, orientation: 'landscape' },
    { name: 'full HD', w: 1920, h: 1080, orientation: 'landscape' },
    { name: 'phone landscape', w: 844, h: 390, orientation: 'landscape' },
  ])('$name ($w x $h)', ({ w, h, orientation }) => {
    const l = computeFreeLayout(w, h);
    expect(l.orientation).toBe(orientation);
    expect(l.grid.width).toBeCloseTo(l.grid.height);
    const parts = [l.grid, l.reset, l.classify, l.tools, l.panel];
    for (const part of parts) expect(inside(part, w, h), JSON.stringify(part)).toBe(true);
    parts.forEach((a, i) => {
      parts.slice(i + 1).forEach((b) => { expect(overlaps(a, b)).toBe(false); });
    });
    // the grid gets a good share of the screen: drawing is the point
    expect(l.grid.width).toBeGreaterThanOrEqual(Math.min(w, h) * 0.45);
    // buttons are comfortable touch targets
    expect(l.reset.height).toBeGreaterThanOrEqual(44);
    expect(l.tools.height).toBeGreaterThanOrEqual(44);
  });
});
