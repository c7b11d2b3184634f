import { buttonHeightFor, clamp, unitFor, type Rect } from '../../../shell/layout/rect.ts';

/**
 * The Inside screen as rectangles (pure, tested in Node). The grid and the ten output bars on one
 * side (above on a portrait phone), the layers on the other. The layers' feature maps are shown a
 * page at a time: up to 16 maps of one layer, as large as the room allows, so a 28x28 map shows
 * its pixels and a pointer can pick one. Pages run through the layers in order; Previous / Next
 * turn a page, the layer buttons jump to the next layer's first page.
 */

/** Maps [first, first + count) of maps layer `layer`. */
export interface MapPage {
  readonly layer: number;
  readonly first: number;
  readonly count: number;
}

export interface InsideLayout {
  readonly orientation: 'landscape' | 'portrait';
  readonly unit: number;
  readonly title: Rect;
  /** top-right buttons, left to right: Card, Clear, Menu */
  readonly buttons: readonly [Rect, Rect, Rect];
  readonly grid: Rect;
  /** the ten outputs; a bar is clicked for "why not that one" */
  readonly bars: Rect;
  /** one line: what the heat map's colours mean */
  readonly legend: Rect;
  /** the normalised 28x28 input and the dense strip, side by side, above the tiles */
  readonly input: Rect;
  readonly dense: Rect;
  /** where the page of maps, the map detail and the model card go */
  readonly area: Rect;
  /** the page's title line: the layer's name and which of its maps are shown */
  readonly caption: Rect;
  /** one slot per map of a page, row-major; a page with fewer maps uses the first slots */
  readonly tiles: readonly Rect[];
  readonly pages: readonly MapPage[];
  /** previous / next page, previous / next layer and the page number between them; zero-size when there is one page */
  readonly previous: Rect;
  readonly next: Rect;
  readonly previousLayer: Rect;
  readonly nextLayer: Rect;
  readonly pageLabel: Rect;
}

/** The most maps on one page: more would be smaller than a pointer can aim at on a phone. */
export const MAPS_PER_PAGE = 16;
/** Smallest tile: a 28x28 map keeps about 2 px per value, enough to see strokes and pick a pixel. */
export const MIN_TILE = 48;
/** Larger tiles add nothing a 28x28 map can show. */
const MAX_TILE = 180;
/** Fewer maps per page are tried in this order when 16 would be smaller than MIN_TILE. */
const PAGE_SIZES = [16, 12, 8, 6, 4, 2, 1] as const;

/** `maps`: feature maps per layer, in order. */
export function computeInsideLayout(width: number, height: number, maps: readonly number[]): InsideLayout {
  const unit = unitFor(width, height);
  const margin = unit * 1.2;
  const gap = unit;
  const titleHeight = buttonHeightFor(unit) * 0.8;
  const top = margin + titleHeight + gap;
  const portrait = width < height * 1.05;
  const contentWidth = width - 2 * margin;
  const buttonWidth = unit * 6;
  const buttons: [Rect, Rect, Rect] = [0, 1, 2].map((i) => ({
    x: width - margin - (3 - i) * buttonWidth - (2 - i) * unit * 0.6, y: margin, width: buttonWidth, height: titleHeight,
  })) as [Rect, Rect, Rect];
  const title = { x: margin, y: margin, width: contentWidth, height: titleHeight };
  // two lines of the legend at its smallest size (12 px) or at unit * 1.05
  const legendHeight = Math.max(12, unit * 1.05) * 2.9;
  const barsHeight = unit * 6;

  let grid: Rect;
  let side: Rect;
  if (portrait) {
    const edge = Math.min(contentWidth, (height - top) * 0.4);
    grid = { x: (width - edge) / 2, y: top, width: edge, height: edge };
    const below = grid.y + edge + gap * 0.5;
    side = { x: margin, y: below + barsHeight + legendHeight + gap, width: contentWidth, height: height - margin - (below + barsHeight + legendHeight + gap) };
  } else {
    const edge = Math.min((height - top - margin - barsHeight - legendHeight - gap), contentWidth * 0.42);
    grid = { x: margin, y: top, width: edge, height: edge };
    side = { x: margin + edge + 2 * gap, y: top, width: contentWidth - edge - 2 * gap, height: height - top - margin };
  }
  const bars = { x: grid.x, y: grid.y + grid.height + gap * 0.5, width: portrait ? grid.width : grid.width, height: barsHeight };
  const legend = { x: portrait ? margin : grid.x, y: bars.y + barsHeight, width: portrait ? contentWidth : grid.width, height: legendHeight };

  const inputEdge = clamp(unit * 5, 56, 96);
  const input = { x: side.x, y: side.y, width: inputEdge, height: inputEdge };
  const dense = { x: side.x + inputEdge + gap, y: side.y, width: side.width - inputEdge - gap, height: inputEdge };
  const pagerHeight = Math.max(40, unit * 2.6);
  // room under the input for its caption ("what the model sees", 12 px at least)
  const areaTop = side.y + inputEdge + Math.max(12, unit * 0.9) * 1.5 + gap * 0.5;
  const area = { x: side.x, y: areaTop, width: side.width, height: Math.max(unit * 8, side.y + side.height - areaTop) };

  const captionHeight = unit * 1.8;
  const caption = { x: area.x, y: area.y, width: area.width, height: captionHeight };
  const tileGap = Math.max(3, unit * 0.4);
  const room = { x: area.x, y: area.y + captionHeight, width: area.width, height: area.height - captionHeight - pagerHeight - gap };
  const fit = PAGE_SIZES.map((count) => ({ count, ...bestGrid(count, room, tileGap) })).find((g) => g.tile >= MIN_TILE) ??
    { count: 1, ...bestGrid(1, room, tileGap) };
  const perPage = fit.count;
  const tiles: Rect[] = [];
  for (let k = 0; k < perPage; k++) {
    tiles.push({ x: room.x + (k % fit.columns) * (fit.tile + tileGap), y: room.y + Math.floor(k / fit.columns) * (fit.tile + tileGap), width: fit.tile, height: fit.tile });
  }
  const pages = pagesFor(maps, perPage);
  const many = pages.length > 1;
  const pagerY = area.y + area.height - pagerHeight;
  const pageButton = Math.min(unit * 4.5, area.width / 6);
  const layerButton = Math.min(unit * 7, area.width / 4.5);
  const none = { x: area.x, y: pagerY, width: 0, height: 0 };
  const previousLayer = { x: area.x, y: pagerY, width: layerButton, height: pagerHeight };
  const previous = { x: area.x + layerButton + gap * 0.5, y: pagerY, width: pageButton, height: pagerHeight };
  const nextLayer = { x: area.x + area.width - layerButton, y: pagerY, width: layerButton, height: pagerHeight };
  const next = { x: nextLayer.x - gap * 0.5 - pageButton, y: pagerY, width: pageButton, height: pagerHeight };
  const pageLabel = { x: previous.x + pageButton, y: pagerY, width: next.x - previous.x - pageButton, height: pagerHeight };
  return {
    orientation: portrait ? 'portrait' : 'landscape',
    unit,
    title,
    buttons,
    grid,
    bars,
    legend,
    input,
    dense,
    area,
    caption,
    tiles,
    pages,
    previous: many ? previous : none,
    next: many ? next : none,
    previousLayer: many ? previousLayer : none,
    nextLayer: many ? nextLayer : none,
    pageLabel: many ? pageLabel : none,
  };
}

/** The columns and tile size that show `count` square tiles largest in `room`. */
function bestGrid(count: number, room: Rect, gap: number): { readonly columns: number; readonly tile: number } {
  let best = { columns: 1, tile: 0 };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const tile = Math.min(MAX_TILE, (room.width - (columns - 1) * gap) / columns, (room.height - (rows - 1) * gap) / rows);
    if (tile > best.tile) best = { columns, tile };
  }
  return best;
}

/** Every layer's maps in pages of at most `perPage`, layer by layer. */
export function pagesFor(maps: readonly number[], perPage: number): MapPage[] {
  const pages: MapPage[] = [];
  maps.forEach((count, layer) => {
    for (let first = 0; first < count; first += perPage) pages.push({ layer, first, count: Math.min(perPage, count - first) });
  });
  return pages;
}

/** The page `step` pages on from `page`, wrapping around. */
export function turnPage(pages: readonly MapPage[], page: number, step: number): number {
  return pages.length === 0 ? 0 : (((page + step) % pages.length) + pages.length) % pages.length;
}

/** The first page of the layer `step` layers on from the one on `page`, wrapping around. */
export function jumpLayer(pages: readonly MapPage[], page: number, step: number): number {
  const layers = [...new Set(pages.map((p) => p.layer))];
  const at = layers.indexOf(pages[page]?.layer ?? 0);
  const target = layers[(((at + step) % layers.length) + layers.length) % layers.length];
  return Math.max(0, pages.findIndex((p) => p.layer === target));
}

/** The page holding map `map` of maps layer `layer`, or 0. */
export function pageOf(pages: readonly MapPage[], layer: number, map: number): number {
  return Math.max(0, pages.findIndex((p) => p.layer === layer && map >= p.first && map < p.first + p.count));
}
