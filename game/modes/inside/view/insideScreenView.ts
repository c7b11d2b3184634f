import { Container, Sprite } from 'pixi.js';
import { IMAGE_SIZE } from '../../../../common/digit.ts';
import { computeInsideLayout, jumpLayer, turnPage, type InsideLayout, type MapPage } from '../layout/insideLayout.ts';
import type { Rect } from '../../../shell/layout/rect.ts';
import type { DenseLayer, Filter, InputFrame, InsideReading, MapsLayer } from '../state/insideLayers.ts';
import { afterEscape, escapeAction, NO_PANELS, type EscapeAction, type InsidePanels, type Probe } from '../state/insidePanels.ts';
import { pixelStory, valueAt } from '../state/pixelStory.ts';
import { fieldOnGrid, receptiveField, type CellBox } from '../state/receptiveField.ts';
import type { Grid } from '../../../../common/ink/grid.ts';
import type { LayerLine, ModelCard } from '../state/modelCard.ts';
import { ButtonView } from '../../../shell/view/button.ts';
import { GridView } from '../../../shell/view/gridView.ts';
import { DenseStripView } from './denseStrip.ts';
import { FieldOutlineView } from './fieldOutline.ts';
import { HeatMapView } from './heatMap.ts';
import { MapDetailView } from './mapDetail.ts';
import { MapPageView, type SlotPixel } from './mapPage.ts';
import { ModelCardView } from './modelCardView.ts';
import { OutputBarsView } from './outputBars.ts';
import { InkTexture } from '../../../shell/view/inkTexture.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';

export interface InsideActions {
  clear(): void;
  menu(): void;
  /** a digit's bar was tapped: explain that digit ("why not that one?") */
  explain(digit: number): void;
}

/** What the screen shows of a network: its layers, its filters, its card. */
export interface NetworkShown {
  readonly mapsLayers: readonly MapsLayer[];
  readonly denseLayers: readonly DenseLayer[];
  readonly layerLines: readonly LayerLine[];
  /** e.g. "Dense · 10 digits + not a digit" */
  readonly outputTitle: string;
  /** the filter that computed map `map` of maps layer `layer`, null for layers without one */
  filter(layer: number, map: number): Filter | null;
  readonly card: ModelCard;
}

/** The map detail as the page API reports it. */
export interface ProbeReport {
  readonly layer: string;
  readonly title: string;
  readonly index: number;
  readonly row: number;
  readonly col: number;
  readonly story: readonly string[];
  /** the filter shown: its size and how many slices (maps it reads); null for a pooling layer */
  readonly filter: { readonly height: number; readonly width: number; readonly slices: number } | null;
  /** the receptive field outlined on the grid, in grid cells; null while the grid is blank */
  readonly field: CellBox | null;
}

export const HEAT_MAP_LEGEND = 'Why this digit? orange ink pushed it up, blue pushed it down · tap a bar for "why not that one"';

/**
 * The Inside mode: the grid with the "why" heat map over it, the outputs, the normalised input,
 * the dense strip and the feature maps a page at a time. Pointing at a map's pixel outlines where
 * it looks in the drawing; tapping opens "how was this computed" with the filter; Card shows the
 * model card. Which panels are open is data (state/insidePanels.ts); this class only draws it.
 * Reads what it is given; the readings come from game/modes/inside/insideLive.ts.
 */
export class InsideScreenView extends Container {
  readonly gridView: GridView;
  private readonly heatMap: HeatMapView;
  private readonly outline: FieldOutlineView;
  private readonly title = label('strong', 20, COLORS.text, 'Inside the network');
  private readonly status = label('body', 12, COLORS.muted, 'Loading model…');
  private readonly legend = label('body', 12, COLORS.muted, HEAT_MAP_LEGEND);
  private readonly buttons: readonly [ButtonView, ButtonView, ButtonView];
  private readonly bars: OutputBarsView;
  private readonly input = new InkTexture(IMAGE_SIZE, IMAGE_SIZE, COLORS.paper, COLORS.ink);
  private readonly inputSprite = new Sprite(this.input.texture);
  private readonly inputCaption = label('body', 12, COLORS.muted, 'what the model sees');
  private readonly pageView: MapPageView;
  private readonly pager: readonly [ButtonView, ButtonView, ButtonView, ButtonView];
  private readonly pageLabel = label('body', 12, COLORS.muted);
  private readonly detail: MapDetailView;
  private readonly cardView: ModelCardView;
  private dense: DenseStripView | null = null;
  private network: NetworkShown | null = null;
  private reading: InsideReading | null = null;
  private seen: Float32Array | null = null;
  private frame: InputFrame | null = null;
  private panels: InsidePanels = NO_PANELS;
  private hover: Probe | null = null;
  private page = 0;
  private size = { width: 1, height: 1 };
  private shownLayout: InsideLayout | null = null;

  constructor(private readonly grid: Grid, actions: InsideActions) {
    super();
    this.gridView = new GridView(grid);
    this.heatMap = new HeatMapView(grid.width, grid.height);
    this.heatMap.eventMode = 'none';
    this.outline = new FieldOutlineView(grid.width, grid.height);
    this.buttons = [
      new ButtonView('Card', 'secondary', () => { this.setPanels({ ...this.panels, card: !this.panels.card }); }),
      new ButtonView('Clear', 'secondary', () => { actions.clear(); }),
      new ButtonView('Menu', 'secondary', () => { actions.menu(); }),
    ];
    this.bars = new OutputBarsView((digit) => { actions.explain(digit); });
    this.pageView = new MapPageView({
      hover: (pixel) => { this.pointAt(pixel); },
      tap: (pixel) => {
        const probe = this.probeAt(pixel);
        if (probe !== null) this.setPanels({ ...this.panels, detail: probe });
      },
    });
    this.pager = [
      new ButtonView('‹ Layer', 'secondary', () => { this.goTo(jumpLayer(this.pages(), this.page, -1)); }),
      new ButtonView('‹', 'secondary', () => { this.goTo(turnPage(this.pages(), this.page, -1)); }),
      new ButtonView('›', 'secondary', () => { this.goTo(turnPage(this.pages(), this.page, 1)); }),
      new ButtonView('Layer ›', 'secondary', () => { this.goTo(jumpLayer(this.pages(), this.page, 1)); }),
    ];
    this.detail = new MapDetailView(
      () => { this.setPanels({ ...this.panels, detail: null }); },
      (row, col) => {
        const probe = this.panels.detail;
        if (probe !== null && (probe.row !== row || probe.col !== col)) this.setPanels({ ...this.panels, detail: { ...probe, row, col } });
      },
    );
    this.cardView = new ModelCardView(() => { this.setPanels({ ...this.panels, card: false }); });
    this.addChild(this.title, ...this.buttons, this.gridView, this.heatMap, this.outline, this.bars, this.legend, this.status,
      this.inputSprite, this.inputCaption, this.pageView, ...this.pager, this.pageLabel, this.detail, this.cardView);
  }

  setNetwork(network: NetworkShown): void {
    this.network = network;
    this.dense?.destroy();
    this.dense = new DenseStripView(network.denseLayers, network.outputTitle);
    this.addChildAt(this.dense, this.getChildIndex(this.pageView));
    this.cardView.setCard(network.card, network.layerLines);
    this.panels = NO_PANELS;
    this.hover = null;
    this.page = 0;
    this.layout(this.size.width, this.size.height);
  }

  /**
   * `seen`: the normalised input and `frame` where the drawing went in it, both null for a blank
   * grid; `explained`: the digit the heat map is for.
   */
  show(seen: Float32Array | null, frame: InputFrame | null, reading: InsideReading | null, attribution: Float32Array | null, explained: number | null, status: string): void {
    this.reading = reading;
    this.seen = seen;
    this.frame = frame;
    this.input.paint(seen ?? new Float32Array(IMAGE_SIZE * IMAGE_SIZE));
    const page = this.currentPage();
    // only the page's maps are painted: the other layers' readings wait in `reading` for a page turn
    this.pageView.paint(page === null ? null : reading?.maps[page.layer] ?? null);
    if (reading) this.dense?.paint(reading.dense);
    this.bars.show(reading ? Array.from(reading.probabilities) : [], explained);
    this.heatMap.paint(attribution);
    this.status.text = status;
    this.showProbe();
  }

  layout(width: number, height: number): void {
    this.size = { width, height };
    const maps = this.network?.mapsLayers.map((l) => l.maps) ?? [];
    const l = computeInsideLayout(width, height, maps);
    this.shownLayout = l;
    const { unit } = l;
    this.page = Math.min(this.page, Math.max(0, l.pages.length - 1));
    this.title.style.fontSize = Math.max(15, unit * 1.8);
    this.title.position.set(l.title.x, l.title.y + (l.title.height - this.title.height) / 2);
    this.title.visible = l.title.width - 3 * (l.buttons[0].width + unit) > this.title.width;
    this.buttons.forEach((button, i) => { button.setRect(l.buttons[i] ?? l.title, unit * 0.75); });
    this.gridView.setRect(l.grid, unit);
    this.heatMap.setRect(this.gridView.getRect());
    this.outline.setRect(this.gridView.getRect());
    this.bars.setRect(l.bars, unit);
    for (const text of [this.legend, this.status]) {
      text.style.fontSize = Math.max(12, unit * 1.05);
      text.style.wordWrap = true;
      text.style.wordWrapWidth = l.legend.width;
    }
    this.legend.position.set(l.legend.x, l.legend.y);
    this.status.position.set(l.grid.x, l.grid.y - this.status.style.fontSize * 1.4);
    this.inputSprite.position.set(l.input.x, l.input.y);
    this.inputSprite.setSize(l.input.width, l.input.height);
    this.inputCaption.style.fontSize = Math.max(12, unit * 0.9);
    this.inputCaption.position.set(l.input.x, l.input.y + l.input.height + 1);
    this.dense?.setRect(l.dense, unit);
    this.pageView.setRects(l.caption, l.tiles, unit);
    this.pager.forEach((button, i) => { button.setRect([l.previousLayer, l.previous, l.next, l.nextLayer][i] ?? l.next, unit * 0.7); });
    this.pageLabel.style.fontSize = Math.max(12, unit);
    this.placePage();
    this.detail.setRect(l.area, unit);
    this.cardView.setRect(cardRect(l), unit);
  }

  /** Repaints the grid if it changed. */
  tick(): boolean {
    return this.gridView.sync();
  }

  /** Escape: closes the top-most panel and says which; 'clear' when none was open (the caller clears). */
  escape(): EscapeAction {
    const action = escapeAction(this.panels);
    this.setPanels(afterEscape(this.panels));
    return action;
  }

  /** Arrow keys: a page (`pages`) or a layer on. */
  step(pages: number, layers: number): void {
    const all = this.pages();
    this.goTo(layers === 0 ? turnPage(all, this.page, pages) : jumpLayer(all, this.page, layers));
  }

  /** Where things are, in canvas CSS pixels, and what they say, for the page API and its tests. */
  regions(): {
    readonly grid: Rect; readonly firstTile: Rect | null; readonly tiles: readonly Rect[]; readonly bars: readonly Rect[]; readonly card: Rect;
    readonly next: Rect; readonly layers: readonly string[]; readonly titles: readonly string[]; readonly outputTitle: string;
    readonly pageTitle: string; readonly page: number; readonly pages: number; readonly textPx: { readonly card: number; readonly detail: number };
  } {
    const l = this.shownLayout;
    const tiles = this.pageView.tileRects();
    const none = { x: 0, y: 0, width: 0, height: 0 };
    return {
      grid: this.gridView.getRect(),
      firstTile: this.currentPage()?.layer === 0 && this.currentPage()?.first === 0 ? tiles[0] ?? null : null,
      tiles,
      bars: Array.from({ length: 10 }, (_, d) => this.bars.columnRect(d)),
      card: l?.buttons[0] ?? none,
      next: l?.next ?? none,
      layers: this.network?.mapsLayers.map((layer) => layer.name) ?? [],
      titles: [...(this.network?.mapsLayers.map((layer) => layer.title) ?? []), ...(this.network?.denseLayers.map((layer) => layer.title) ?? []), ...(this.network ? [this.network.outputTitle] : [])],
      outputTitle: this.network?.outputTitle ?? '',
      pageTitle: `${this.pageView.captionText()} · ${this.pageLabel.text}`,
      page: this.page,
      pages: l?.pages.length ?? 0,
      textPx: { card: Math.min(...this.cardView.textSizes()), detail: Math.min(...this.detail.textSizes(), Number.POSITIVE_INFINITY) },
    };
  }

  /** The card's lines while it is open, else null. */
  cardShown(): readonly string[] | null {
    return this.panels.card ? this.cardView.lines() : null;
  }

  /** The map detail, null when it is closed. */
  enlarged(): ProbeReport | null {
    const probe = this.panels.detail;
    const network = this.network;
    const layer = probe === null ? undefined : network?.mapsLayers[probe.layer];
    if (probe === null || network === null || layer === undefined) return null;
    const filter = network.filter(probe.layer, probe.map);
    return {
      layer: layer.name, title: layer.title, index: probe.map, row: probe.row, col: probe.col,
      story: this.storyOf(probe),
      filter: filter === null ? null : { height: filter.size[0], width: filter.size[1], slices: filter.slices.length },
      field: this.fieldOf(probe),
    };
  }

  private pages(): readonly MapPage[] {
    return this.shownLayout?.pages ?? [];
  }

  private currentPage(): MapPage | null {
    return this.pages()[this.page] ?? null;
  }

  private goTo(page: number): void {
    this.page = page;
    this.hover = null;
    this.pageView.mark(null);
    this.placePage();
    this.showProbe();
  }

  private setPanels(panels: InsidePanels): void {
    this.panels = panels;
    this.cardView.visible = panels.card;
    this.showProbe();
  }

  private probeAt(pixel: SlotPixel): Probe | null {
    const page = this.currentPage();
    return page === null || pixel.slot >= page.count ? null : { layer: page.layer, map: page.first + pixel.slot, row: pixel.row, col: pixel.col };
  }

  private pointAt(pixel: SlotPixel | null): void {
    this.hover = pixel === null ? null : this.probeAt(pixel);
    this.pageView.mark(this.hover === null ? null : pixel);
    this.showProbe();
  }

  private storyOf(probe: Probe): string[] {
    const network = this.network;
    const layer = network?.mapsLayers[probe.layer];
    const values = this.reading?.maps[probe.layer];
    if (network === null || layer === undefined) return [];
    return pixelStory(network.mapsLayers, probe, values === undefined ? 0 : valueAt(layer, values, probe), network.filter(probe.layer, probe.map));
  }

  private fieldOf(probe: Probe): CellBox | null {
    const layer = this.network?.mapsLayers[probe.layer];
    if (layer === undefined || this.frame === null) return null;
    return fieldOnGrid(receptiveField(layer.steps, probe.row, probe.col, IMAGE_SIZE), this.frame, this.grid.width, this.grid.height);
  }

  /** The detail (when open) and the outline on the grid for the pixel pointed at or opened. */
  private showProbe(): void {
    const probe = this.panels.detail;
    const network = this.network;
    const layer = probe === null ? undefined : network?.mapsLayers[probe.layer];
    const values = probe === null ? undefined : this.reading?.maps[probe.layer];
    if (probe !== null && network !== null && layer !== undefined && values !== undefined) {
      const filter = network.filter(probe.layer, probe.map);
      const first = layer.steps.length === 1 && layer.reads === -1 ? layer.steps[0] : undefined;
      this.detail.show({
        layer, probe, values, filter,
        story: this.storyOf(probe),
        patch: first === undefined || this.seen === null ? null : {
          top: probe.row * first.strides[0] - first.padBefore[0], left: probe.col * first.strides[1] - first.padBefore[1], input: this.seen,
        },
      });
    } else {
      this.detail.hide();
    }
    const pointed = probe ?? (this.panels.card ? null : this.hover);
    this.outline.show(pointed === null ? null : this.fieldOf(pointed));
  }

  private placePage(): void {
    const l = this.shownLayout;
    const network = this.network;
    const page = this.currentPage();
    const layer = page === null ? undefined : network?.mapsLayers[page.layer];
    this.pageView.visible = page !== null && layer !== undefined;
    if (page !== null && layer !== undefined) this.pageView.showPage(layer, page, this.reading?.maps[page.layer] ?? null);
    const many = (l?.pages.length ?? 0) > 1;
    for (const button of this.pager) button.visible = many;
    this.pageLabel.visible = many;
    if (l !== null && many) {
      const page = l.pages[this.page];
      const maps = page === undefined ? '' : `maps ${page.first + 1}${page.count > 1 ? `–${page.first + page.count}` : ''} of ${network?.mapsLayers[page.layer]?.maps ?? 0} · `;
      this.pageLabel.text = `${maps}${this.page + 1}/${l.pages.length}`;
      this.pageLabel.position.set(l.pageLabel.x + (l.pageLabel.width - this.pageLabel.width) / 2, l.pageLabel.y + (l.pageLabel.height - this.pageLabel.height) / 2);
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
