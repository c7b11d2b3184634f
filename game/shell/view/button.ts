import { Graphics } from 'pixi.js';
import type { Rect } from '../layout/rect.ts';
import { PressableView } from './pressable.ts';
import { fitWidth, label } from './text.ts';
import { COLORS } from './theme.ts';

export type ButtonStyle = 'primary' | 'secondary';

/**
 * A rounded button with a bitmap label; click, tap or pen all fire `onPress`. The keyboard and
 * assistive technology reach it through the page's DOM mirror (game/shell/buttonMirror.ts), as
 * every PressableView.
 */
export class ButtonView extends PressableView {
  private readonly background = new Graphics();
  private readonly caption;
  private hovered = false;
  private pressed = false;
  private rect: Rect = { x: 0, y: 0, width: 1, height: 1 };
  private enabled = true;
  private unit = 10;

  /** `name`: what a screen reader says when the caption alone does not say it ("–" is "Fewer rounds"); the caption by default */
  constructor(text: string, private style: ButtonStyle, private readonly onPress: () => void, private spokenName: string | null = null) {
    super();
    this.caption = label('strong', 18, style === 'primary' ? COLORS.background : COLORS.text, text);
    this.caption.anchor.set(0.5);
    this.addChild(this.background, this.caption);
    this.eventMode = 'static';
    this.cursor = 'pointer';
    this.on('pointerover', () => { this.setState(true, this.pressed); });
    this.on('pointerout', () => { this.setState(false, false); });
    this.on('pointerdown', () => { this.setState(this.hovered, true); });
    this.on('pointerup', () => { this.setState(this.hovered, false); });
    this.on('pointerupoutside', () => { this.setState(false, false); });
    this.on('pointertap', () => { this.press(); });
  }

  /** A toggle shows its state in its caption and colour (the eraser on, sound muted). */
  setLabel(text: string, style: ButtonStyle = this.style): void {
    this.caption.text = text;
    this.caption.tint = style === 'primary' ? COLORS.background : COLORS.text;
    this.style = style;
    this.fitCaption();
    this.draw();
  }

  /** A disabled button (nothing to undo) is dimmed and ignores presses. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.alpha = enabled ? 1 : 0.45;
    this.cursor = enabled ? 'pointer' : 'default';
  }

  /** The caption as shown now (a toggle's changes with its state). */
  get text(): string {
    return this.caption.text;
  }

  get accessibleName(): string {
    return this.spokenName ?? this.caption.text;
  }

  /** a plain button: pressing it chooses nothing that stays chosen, and its name says it all */
  readonly isSelected = null;
  readonly accessibleDescription = '';

  /** A name that changes with what the button acts on ("Fewer rounds, now 8"). */
  setAccessibleName(name: string): void {
    this.spokenName = name;
  }

  /** False while dimmed (nothing to undo): the mirror says so to assistive technology. */
  get isEnabled(): boolean {
    return this.enabled;
  }

  press(): void {
    if (this.enabled) this.onPress();
  }

  bounds(): Rect {
    return this.rect;
  }

  setRect(rect: Rect, unit: number): void {
    this.rect = rect;
    this.unit = unit;
    this.fitCaption();
    this.caption.position.set(rect.x + rect.width / 2, rect.y + rect.height / 2);
    this.draw();
  }

  /** Small buttons (the drawing tools on a phone) shrink the caption to fit rather than spill. */
  private fitCaption(): void {
    fitWidth(this.caption, Math.max(15, this.unit * 1.55), this.rect.width * 0.88);
  }

  private setState(hovered: boolean, pressed: boolean): void {
    this.hovered = hovered;
    this.pressed = pressed;
    this.draw();
  }

  private draw(): void {
    const { x, y, width, height } = this.rect;
    const inset = this.pressed ? 1.5 : 0;
    const radius = height * 0.3;
    this.background.clear().roundRect(x + inset, y + inset, width - 2 * inset, height - 2 * inset, radius);
    if (this.style === 'primary') {
      this.background.fill({ color: this.hovered ? COLORS.accentHover : COLORS.accent });
    } else {
      this.background
        .fill({ color: this.hovered ? COLORS.cardEdge : COLORS.card })
        .stroke({ color: COLORS.cardEdge, width: 1.5, alignment: 1 });
    }
  }
}
