import { buttonHeightFor, clamp, unitFor, type Rect } from '../../../shell/layout/rect.ts';

/**
 * The Inside screen as rectangles (pure, tested in Node). The grid and the ten output bars on one
 * side (above on a portrait phone), the layers on the other: every feature map of a layer as a
 * square tile, layers stacked top to bottom with a caption each. All layers share one tile size,
 * the largest that fits; below MIN_TILE they are split into pages of whole layers instead.
 */

export interface LayerBlock {
  /** index into the layer list given */
  readonly layer: number;
  readonly caption: Rect;
  /** one per feature map, row-major */
  readonly tiles: readonly Rect[];
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
  /** where tiles, an enlarged tile and the model card go */
  readonly area: Rect;
  readonly pages: readonly (readonly LayerBlock[])[];
  /** previous / next page; zero-size when there is one page */
  readonly previous: Rect;
  readonly next: Rect;
}

/** Smallest tile before the layers go to pages: a 28x28 map still shows its shape. */
export const MIN_TILE = 14;
const MAX_TILE = 56;

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
  const legendHeight = unit * 1.6;
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
  const pagerHeight = unit * 2.6;
  const areaTop = side.y + inputEdge + gap;
  const area = { x: side.x, y: areaTop, width: side.width, height: Math.max(unit * 8, side.y + side.height - areaTop) };

  const caption = unit * 1.6;
  const tileGap = Math.max(2, unit * 0.2);
  const fits = (count: number[], tile: number, room: number) => blocksHeight(count, tile, tileGap, caption, area.width) <= room;
  const all = maps.map((_, i) => i);
  let pages: number[][];
  let tile = largestTile(maps, tileGap, caption, area.width, area.height);
  if (tile >= MIN_TILE || maps.length <= 1) {
    pages = [all];
  } else {
    pages = [];
    const room = area.height - pagerHeight - gap;
    let page: number[] = [];
    for (const i of all) {
      const trial = [...page, i];
      if (page.length > 0 && !fits(trial.map((k) => maps[k] ?? 0), MIN_TILE, room)) {
        pages.push(page);
        page = [i];
      } else page = trial;
    }
    if (page.length > 0) pages.push(page);
    tile = Math.min(...pages.map((p) => largestTile(p.map((k) => maps[k] ?? 0), tileGap, caption, area.width, room)));
  }
  tile = Math.max(tile, Math.min(MIN_TILE, area.width / 4));
  const placed = pages.map((page) => placeBlocks(page, maps, tile, tileGap, caption, area));
  const many = pages.length > 1;
  const pagerY = area.y + area.height - pagerHeight;
  const pagerWidth = unit * 8;
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
    pages: placed,
    previous: many ? { x: area.x, y: pagerY, width: pagerWidth, height: pagerHeight } : { x: area.x, y: pagerY, width: 0, height: 0 },
    next: many ? { x: area.x + area.width - pagerWidth, y: pagerY, width: pagerWidth, height: pagerHeight } : { x: area.x, y: pagerY, width: 0, height: 0 },
  };
}

function columnsFor(tile: number, gap: number, width: number): number {
  return Math.max(1, Math.floor((width + gap) / (tile + gap)));
}

function blocksHeight(maps: readonly number[], tile: number, gap: number, caption: number, width: number): number {
  const columns = columnsFor(tile, gap, width);
  return maps.reduce((sum, count) => sum + caption + Math.ceil(count / columns) * (tile + gap) + gap, 0);
}

/** The largest tile (to 0.5 px) at which all of `maps` fit in width x height; 0 if none does. */
function largestTile(maps: readonly number[], gap: number, caption: number, width: number, height: number): number {
  let low = 0;
  let high = MAX_TILE;
  while (high - low > 0.5) {
    const mid = (low + high) / 2;
    if (blocksHeight(maps, mid, gap, caption, width) <= height) low = mid;
    else high = mid;
  }
  return low;
}

function placeBlocks(page: readonly number[], maps: readonly number[], tile: number, gap: number, caption: number, area: Rect): LayerBlock[] {
  const columns = columnsFor(tile, gap, area.width);
  let y = area.y;
  return page.map((layer) => {
    const captionRect = { x: area.x, y, width: area.width, height: caption };
    y += caption;
    const count = maps[layer] ?? 0;
    const tiles: Rect[] = [];
    for (let k = 0; k < count; k++) tiles.push({ x: area.x + (k % columns) * (tile + gap), y: y + Math.floor(k / columns) * (tile + gap), width: tile, height: tile });
    y += Math.ceil(count / columns) * (tile + gap) + gap;
    return { layer, caption: captionRect, tiles };
  });
}
