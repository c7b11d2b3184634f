import { describe, expect, test } from 'vitest';
import { computeInsideLayout, jumpLayer, MAPS_PER_PAGE, MIN_TILE, pageOf, pagesFor, turnPage } from '../../../../../game/modes/inside/layout/insideLayout.ts';
import type { Rect } from '../../../../../game/shell/layout/rect.ts';

const DEFAULT_MAPS = [32, 32, 48, 48, 48, 96, 96, 96];
const SEED_MAPS = [64, 64];

const inside = (outer: Rect, r: Rect) => r.x >= outer.x - 0.01 && r.y >= outer.y - 0.01 && r.x + r.width <= outer.x + outer.width + 0.01 && r.y + r.height <= outer.y + outer.height + 0.01;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

// the fewest maps a page shows: 8 or more wherever there is room, fewer but legible on a small phone
describe.each([
  ['desktop', 1280, 800, 16],
  ['small desktop', 1024, 640, 8],
  ['phone portrait', 390, 844, 12],
  ['small phone', 360, 640, 6],
])('%s %dx%d', (_, width, height, fewest) => {
  const screen = { x: 0, y: 0, width, height };
  test.each([['default', DEFAULT_MAPS], ['seed', SEED_MAPS]])('%s: every map on exactly one page of one layer, tiles legible, inside the area, none overlapping', (_name, maps) => {
    const l = computeInsideLayout(width, height, maps);
    // every map of every layer once, in order
    expect(l.pages.flatMap((p) => Array.from({ length: p.count }, (_m, k) => `${p.layer}:${p.first + k}`)))
      .toEqual(maps.flatMap((count, layer) => Array.from({ length: count }, (_m, k) => `${layer}:${k}`)));
    for (const page of l.pages) expect(page.count).toBeLessThanOrEqual(l.tiles.length);
    expect(l.tiles.length).toBeGreaterThanOrEqual(fewest);
    expect(l.tiles.length).toBeLessThanOrEqual(MAPS_PER_PAGE);
    for (const t of l.tiles) {
      expect(t.width).toBeGreaterThanOrEqual(MIN_TILE);
      expect(inside(l.area, t)).toBe(true);
      expect(overlap(t, l.previous) || overlap(t, l.next) || overlap(t, l.caption)).toBe(false);
    }
    for (let i = 1; i < l.tiles.length; i++) expect(overlap(l.tiles[i - 1] ?? screen, l.tiles[i] ?? screen)).toBe(false);
    for (const r of [l.grid, l.bars, l.legend, l.input, l.dense, l.area, l.previous, l.next, l.previousLayer, l.nextLayer, ...l.buttons]) expect(inside(screen, r)).toBe(true);
    expect([l.previousLayer, l.previous, l.next, l.nextLayer].every((r, i, all) => i === 0 || !overlap(all[i - 1] ?? r, r))).toBe(true);
    expect(overlap(l.grid, l.area)).toBe(false);
    expect(overlap(l.bars, l.area)).toBe(false);
  });
});

test('a desktop shows 16 maps at once, each several times larger than the 15 px tiles of old', () => {
  const l = computeInsideLayout(1280, 800, DEFAULT_MAPS);
  expect(l.orientation).toBe('landscape');
  expect(l.tiles).toHaveLength(16);
  expect(l.tiles[0]?.width).toBeGreaterThanOrEqual(100);
  expect(l.pages).toHaveLength(31);
  expect(l.next.width).toBeGreaterThan(0);
});

test('a phone puts the grid above the maps', () => {
  const phone = computeInsideLayout(390, 844, DEFAULT_MAPS);
  expect(phone.orientation).toBe('portrait');
  expect(phone.area.y).toBeGreaterThan(phone.grid.y + phone.grid.height);
});

test('one layer of few maps: one page and no pager', () => {
  const l = computeInsideLayout(1280, 800, [8]);
  expect(l.pages).toEqual([{ layer: 0, first: 0, count: 8 }]);
  expect(l.next.width).toBe(0);
});

describe('paging', () => {
  const pages = pagesFor([32, 20, 8], 16);
  test('pagesFor splits each layer on its own', () => {
    expect(pages).toEqual([
      { layer: 0, first: 0, count: 16 }, { layer: 0, first: 16, count: 16 },
      { layer: 1, first: 0, count: 16 }, { layer: 1, first: 16, count: 4 },
      { layer: 2, first: 0, count: 8 },
    ]);
  });
  test.each([[0, 1, 1], [4, 1, 0], [0, -1, 4], [2, 5, 2]])('turnPage from %d by %d: %d', (from, step, to) => {
    expect(turnPage(pages, from, step)).toBe(to);
  });
  test.each([[0, 1, 2], [1, 1, 2], [3, 1, 4], [4, 1, 0], [3, -1, 0], [0, -1, 4]])('jumpLayer from page %d by %d: page %d', (from, step, to) => {
    expect(jumpLayer(pages, from, step)).toBe(to);
  });
  test.each([[0, 0, 0], [0, 20, 1], [1, 19, 3], [2, 7, 4]])('pageOf layer %d map %d: page %d', (layer, map, page) => {
    expect(pageOf(pages, layer, map)).toBe(page);
  });
});
