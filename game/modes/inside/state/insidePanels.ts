/**
 * What is open over the Inside screen, as data: the model card, and the map detail ("how was this
 * computed") with the pixel it explains. The card opens over the detail, so it is the top-most
 * when both are open. Escape closes the top-most panel first and clears the drawing only when no
 * panel is open, so a player reading a panel never loses the drawing it is about.
 */

/** A pixel of a feature map: maps layer index, map index, row and column in the map. */
export interface Probe {
  readonly layer: number;
  readonly map: number;
  readonly row: number;
  readonly col: number;
}

export interface InsidePanels {
  readonly card: boolean;
  readonly detail: Probe | null;
}

export const NO_PANELS: InsidePanels = { card: false, detail: null };

export type EscapeAction = 'closeCard' | 'closeDetail' | 'clear';

export function escapeAction(panels: InsidePanels): EscapeAction {
  if (panels.card) return 'closeCard';
  if (panels.detail !== null) return 'closeDetail';
  return 'clear';
}

/** The panels after Escape; the drawing is the caller's when the action is 'clear'. */
export function afterEscape(panels: InsidePanels): InsidePanels {
  switch (escapeAction(panels)) {
    case 'closeCard':
      return { ...panels, card: false };
    case 'closeDetail':
      return { ...panels, detail: null };
    case 'clear':
      return panels;
  }
}
