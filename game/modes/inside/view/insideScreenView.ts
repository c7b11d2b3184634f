import { Container, Sprite } from 'pixi.js';
import { IMAGE_SIZE } from '../../../../common/digit.ts';
import { computeInsideLayout, type InsideLayout } from '../layout/insideLayout.ts';
import type { Rect } from '../../../shell/layout/rect.ts';
import type { DenseLayer, InsideReading, MapsLayer } from '../state/insideLayers.ts';
import type { Grid } from '../../../../common/ink/grid.ts';
import type { LayerLine, ModelCard } from '../state/modelCard.ts';
import { ButtonView } from '../../../shell/view/button.ts';
import { GridView } from '../../../shell/view/gridView.ts';
import { DenseStripView } from './denseStrip.ts';
import { HeatMapView } from './heatMap.ts';
import { LayerTilesView } from './layerTiles.ts';
import { ModelCardView } from './modelCardView.ts';
import { OutputBarsView } from './outputBars.ts';
import { TileDetailView, type Filters } from './tileDetail.ts';
import { InkTexture } from '../../../shell/view/inkTexture.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';

export interface InsideActions {
  clear(): void;
  menu(): void;
  /** a digit's bar was tapped: explain that digit ("why not that one?") */
  explain(digit: number): void;
}

/** What the screen shows of a network: its layers, the first convolution's kernels, its card. */
export interface NetworkShown {
  readonly mapsLayers: readonly MapsLayer[];
  readonly denseLayers: readonly DenseLayer[];
  readonly layerLines: readonly LayerLine[];
  readonly filters: Filters | null;
  readonly card: ModelCard;
}

export const HEAT_MAP_LEGEND = 'Why this digit? orange ink pushed it up, blue pushed it down · tap a bar for "why not that one"';

/**
 * The Inside mode: the grid with the "why" heat map over it, the ten outputs, the normalised input,
 * the dense strip and every convolution and pooling layer as tiles; a tile enlarges on tap, Card
 * shows the model card. Reads what it is given; the readings come from game/modes/inside/insideLive.ts.
 */
export class InsideScreenView extends Container {
  readonly gridView: GridView;
  private readonly heatMap: HeatMapView;
  private readonly title = label('strong', 20, COLORS.text, 'Inside the network');
  private readonly status = label('body', 12, COLORS.muted, 'Loading model…');
  private readonly legend = label('body', 12, COLORS.muted, HEAT_MAP_LEGEND);
  private readonly buttons: readonly [ButtonView, ButtonView, ButtonView];
  private readonly bars: OutputBarsView;
  private readonly input = new InkTexture(IMAGE_SIZE, IMAGE_SIZE, COLORS.paper, COLORS.ink);
  private readonly inputSprite = new Sprite(this.input.texture);
  private readonly inputCaption = label('body', 11, COLORS.muted, 'what the model sees');
  private readonly layers = new Container();
  private readonly previous: ButtonView;
  private readonly next: ButtonView;
  private readonly pageLabel = label('body', 12, COLORS.muted);
  private readonly detail: TileDetailView;
  private readonly cardView: ModelCardView;
  private dense: DenseStripView | null = null;
  private tiles: LayerTilesView[] = [];
  private network: NetworkShown | null = null;
  private reading: InsideReading | null = null;
  private page = 0;
  private size = { width: 1, height: 1 };
  private shownLayout: InsideLayout | null = null;

  constructor(grid: Grid, actions: InsideActions) {
    super();
    this.gridView = new GridView(grid);
    this.heatMap = new HeatMapView(grid.width, grid.height);
    this.heatMap.eventMode = 'none';
    this.buttons = [
      new ButtonView('Card', 'secondary', () => { this.toggleCard(); }),
      new ButtonView('Clear', 'secondary', () => { actions.clear(); }),
      new ButtonView('Menu', 'secondary', () => { actions.menu(); }),
    ];
    this.bars = new OutputBarsView((digit) => { actions.explain(digit); });
    this.previous = new ButtonView('Previous', 'secondary', () => { this.turn(-1); });
    this.next = new ButtonView('Next', 'secondary', () => { this.turn(1); });
    this.detail = new TileDetailView(() => { this.detail.hide(); });
    this.cardView = new ModelCardView(() => { this.cardView.visible = false; });
    this.addChild(this.title, ...this.buttons, this.gridView, this.heatMap, this.bars, this.legend, this.status,
      this.inputSprite, this.inputCaption, this.layers, this.previous, this.next, this.pageLabel, this.detail, this.cardView);
  }

  setNetwork(network: NetworkShown): void {
    this.network = network;
    for (const view of this.tiles) view.destroy();
    this.dense?.destroy();
    this.tiles = network.mapsLayers.map((layer, i) => new LayerTilesView(layer, (map) => { this.enlarge(i, map); }));
    this.dense = new DenseStripView(network.denseLayers);
    this.layers.addChild(this.dense, ...this.tiles);
    this.cardView.setCard(network.card, network.layerLines);
    this.detail.hide();
    this.page = 0;
    this.layout(this.size.width, this.size.height);
  }

  /** `seen`: the normalised input, null for a blank grid; `explained`: the digit the heat map is for. */
  show(seen: Float32Array | null, reading: InsideReading | null, attribution: Float32Array | null, explained: number | null, status: string): void {
    this.reading = reading;
    this.input.paint(seen ?? new Float32Array(IMAGE_SIZE * IMAGE_SIZE));
    reading?.maps.forEach((values, i) => { this.tiles[i]?.paint(values); });
    if (reading) this.dense?.paint(reading.dense);
    this.bars.show(reading ? Array.from(reading.probabilities) : new Array<number>(10).fill(0), explained);
    this.heatMap.paint(attribution);
    this.status.text = status;
    const shown = this.detail.isShowing();
    if (shown !== null && reading) {
      const index = this.network?.mapsLayers.findIndex((l) => l.name === shown.layer) ?? -1;
      const values = reading.maps[index];
      if (values) this.detail.update(values);
    }
  }

  layout(width: number, height: number): void {
    this.size = { width, height };
    const maps = this.network?.mapsLayers.map((l) => l.maps) ?? [];
    const l = computeInsideLayout(width, height, maps);
    this.shownLayout = l;
    const { unit } = l;
    this.page = Math.min(this.page, l.pages.length - 1);
    this.title.style.fontSize = Math.max(15, unit * 1.8);
    this.title.position.set(l.title.x, l.title.y + (l.title.height - this.title.height) / 2);
    this.title.visible = l.title.width - 3 * (l.buttons[0].width + unit) > this.title.width;
    this.buttons.forEach((button, i) => { button.setRect(l.buttons[i] ?? l.title, unit * 0.75); });
    this.gridView.setRect(l.grid, unit);
    this.heatMap.setRect(this.gridView.getRect());
    this.bars.setRect(l.bars, unit);
    for (const text of [this.legend, this.status]) {
      text.style.fontSize = Math.max(10, unit * 1.05);
      text.style.wordWrap = true;
      text.style.wordWrapWidth = l.legend.width;
    }
    this.legend.position.set(l.legend.x, l.legend.y);
    this.status.position.set(l.grid.x, l.grid.y - this.status.style.fontSize * 1.4);
    this.inputSprite.position.set(l.input.x, l.input.y);
    this.inputSprite.setSize(l.input.width, l.input.height);
    this.inputCaption.style.fontSize = Math.max(9, unit * 0.9);
    this.inputCaption.position.set(l.input.x, l.input.y + l.input.height + 1);
    this.dense?.setRect(l.dense, unit);
    this.placePage(l);
    this.detail.setRect(l.area, unit);
    this.cardView.setRect(cardRect(l), unit);
  }

  /** Repaints the grid if it changed. */
  tick(): boolean {
    return this.gridView.sync();
  }

  /** Where things are, in canvas CSS pixels, for the page API and its tests. */
  regions(): { readonly grid: Rect; readonly firstTile: Rect | null; readonly bars: readonly Rect[]; readonly card: Rect; readonly layers: readonly string[]; readonly page: number; readonly pages: number } {
    const l = this.shownLayout;
    const first = l?.pages[this.page]?.[0];
    return {
      grid: this.gridView.getRect(),
      firstTile: first?.layer === 0 ? first.tiles[0] ?? null : null,
      bars: Array.from({ length: 10 }, (_, d) => this.bars.columnRect(d)),
      card: l?.buttons[0] ?? { x: 0, y: 0, width: 0, height: 0 },
      layers: this.network?.mapsLayers.map((layer) => layer.name) ?? [],
      page: this.page,
      pages: l?.pages.length ?? 0,
    };
  }

  /** The card's lines while it is open, else null. */
  cardShown(): readonly string[] | null {
    return this.cardView.visible ? this.cardView.lines() : null;
  }

  /** The enlarged tile, null when none is. */
  enlarged(): { readonly layer: string; readonly index: number } | null {
    return this.detail.isShowing();
  }

  private toggleCard(): void {
    this.cardView.visible = !this.cardView.visible;
    if (this.cardView.visible) this.detail.hide();
  }

  private enlarge(layerIndex: number, map: number): void {
    const layer = this.network?.mapsLayers[layerIndex];
    const values = this.reading?.maps[layerIndex];
    if (!layer || !values) return;
    this.detail.show(layer, map, values, layerIndex === 0 && layer.kind === 'Conv2D' ? this.network?.filters ?? null : null);
  }

  private turn(step: number): void {
    const l = this.shownLayout;
    if (!l) return;
    this.page = (this.page + step + l.pages.length) % l.pages.length;
    this.detail.hide();
    this.placePage(l);
  }

  private placePage(l: InsideLayout): void {
    const page = l.pages[this.page] ?? [];
    const onPage = new Set(page.map((b) => b.layer));
    this.tiles.forEach((view, i) => { view.visible = onPage.has(i); });
    for (const block of page) this.tiles[block.layer]?.place(block.caption, block.tiles, l.unit);
    const many = l.pages.length > 1;
    this.previous.visible = this.next.visible = this.pageLabel.visible = many;
    if (many) {
      this.previous.setRect(l.previous, l.unit * 0.7);
      this.next.setRect(l.next, l.unit * 0.7);
      this.pageLabel.text = `layers page ${this.page + 1} of ${l.pages.length}`;
      this.pageLabel.style.fontSize = Math.max(10, l.unit);
      this.pageLabel.position.set(l.area.x + (l.area.width - this.pageLabel.width) / 2, l.previous.y + (l.previous.height - this.pageLabel.height) / 2);
    }
  }

  override destroy(): void {
    this.input.destroy();
    super.destroy({ children: true });
  }
}

/** The card covers the layers' side; on a phone, from under the title to the bottom. */
function cardRect(l: InsideLayout): Rect {
  if (l.orientation === 'landscape') return { x: l.input.x, y: l.input.y, width: l.area.width, height: l.area.y + l.area.height - l.input.y };
  return { x: l.title.x, y: l.grid.y, width: l.title.width, height: l.area.y + l.area.height - l.grid.y };
}
