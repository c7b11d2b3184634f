import { describe, expect, test } from 'vitest';
import { computeInsideLayout, MIN_TILE } from '../../../../../game/modes/inside/layout/insideLayout.ts';
import type { Rect } from '../../../../../game/shell/layout/rect.ts';

const DEFAULT_MAPS = [32, 32, 48, 48, 48, 96, 96, 96];
const SEED_MAPS = [64, 64];

const inside = (outer: Rect, r: Rect) => r.x >= outer.x - 0.01 && r.y >= outer.y - 0.01 && r.x + r.width <= outer.x + outer.width + 0.01 && r.y + r.height <= outer.y + outer.height + 0.01;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe.each([
  ['desktop', 1280, 720],
  ['phone portrait', 390, 844],
  ['small phone', 360, 640],
])('%s %dx%d', (_, width, height) => {
  const screen = { x: 0, y: 0, width, height };
  test.each([['default', DEFAULT_MAPS], ['seed', SEED_MAPS]])('%s: every layer on exactly one page, every tile in the area, none overlapping', (_name, maps) => {
    const l = computeInsideLayout(width, height, maps);
    expect(l.pages.flat().map((b) => b.layer)).toEqual(maps.map((_m, i) => i));
    for (const page of l.pages) {
      const tiles = page.flatMap((b) => b.tiles);
      for (const t of tiles) expect(inside(l.area, t)).toBe(true);
      for (let i = 1; i < tiles.length; i++) expect(overlap(tiles[i - 1] ?? screen, tiles[i] ?? screen)).toBe(false);
      page.forEach((b) => { expect(b.tiles).toHaveLength(maps[b.layer] ?? 0); });
    }
    for (const r of [l.grid, l.bars, l.legend, l.input, l.dense, l.area, ...l.buttons]) expect(inside(screen, r)).toBe(true);
    expect(overlap(l.grid, l.area)).toBe(false);
    expect(overlap(l.bars, l.area)).toBe(false);
    const tile = l.pages[0]?.[0]?.tiles[0]?.width ?? 0;
    expect(tile).toBeGreaterThanOrEqual(Math.min(MIN_TILE, l.area.width / 4));
  });
});

test('a phone puts the grid above the layers and pages the default model; a desktop shows every layer at once', () => {
  const phone = computeInsideLayout(390, 844, DEFAULT_MAPS);
  expect(phone.orientation).toBe('portrait');
  expect(phone.area.y).toBeGreaterThan(phone.grid.y + phone.grid.height);
  expect(phone.pages.length).toBeGreaterThan(1);
  expect(phone.next.width).toBeGreaterThan(0);
  const desktop = computeInsideLayout(1280, 720, SEED_MAPS);
  expect(desktop.orientation).toBe('landscape');
  expect(desktop.pages).toHaveLength(1);
  expect(desktop.next.width).toBe(0);
  // fewer tiles per row on the phone
  const perRow = (page: typeof phone.pages[number]) => (page[0]?.tiles ?? []).filter((t) => t.y === page[0]?.tiles[0]?.y).length;
  expect(perRow(phone.pages[0] ?? [])).toBeLessThan(perRow(computeInsideLayout(1280, 720, DEFAULT_MAPS).pages[0] ?? []));
});
