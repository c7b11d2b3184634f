import { Container, Graphics } from 'pixi.js';
import type { Rect } from '../../layout/rect.ts';
import { label } from './text.ts';
import { COLORS } from './theme.ts';

export type ButtonStyle = 'primary' | 'secondary';

/**
 * A rounded button with a bitmap label; click, tap or pen all fire `onPress`. The keyboard and
 * assistive technology reach it through the page's DOM mirror (game/app/buttonMirror.ts), which
 * finds every ButtonView on the stage and reads `text`, `bounds()` and `press()`.
 */
export class ButtonView extends Container {
  private readonly background = new Graphics();
  private readonly caption;
  private hovered = false;
  private pressed = false;
  private rect: Rect = { x: 0, y: 0, width: 1, height: 1 };

  constructor(readonly text: string, private readonly style: ButtonStyle, private readonly onPress: () => void) {
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
    this.on('pointertap', onPress);
  }

  /** The same action as a click: for the keyboard, through the DOM mirror. */
  press(): void {
    this.onPress();
  }

  /** Where the button is drawn, in the stage's CSS pixels. */
  bounds(): Rect {
    return this.rect;
  }

  setRect(rect: Rect, unit: number): void {
    this.rect = rect;
    this.caption.style.fontSize = Math.max(15, unit * 1.55);
    this.caption.position.set(rect.x + rect.width / 2, rect.y + rect.height / 2);
    this.draw();
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
