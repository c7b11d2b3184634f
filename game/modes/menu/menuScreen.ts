import type { Container } from 'pixi.js';
import { toClient, type ModeApi } from '../../shell/modeApi.ts';
import type { Screen } from '../../shell/screen.ts';
import type { Shell } from '../../shell/shell.ts';
import { menuChoice, menuNote, type KeyedItem } from './menuKeys.ts';
import { MenuView } from './view/menuView.ts';

/** One button of the menu, from game/screens.ts's list. */
export interface MenuItem extends KeyedItem {
  readonly text: string;
  /** what it is, after its key in the note under the button; read again each time the menu shows */
  about(): string;
  /** picks it: null when its mode starts, else why not (shown at the bottom of the menu) */
  choose(): string | null;
}

/** The main screen: one button per mode of the list, their keys, the best and recent scores. */
export class MenuScreen implements Screen {
  readonly animates = true;
  private readonly menu: MenuView;

  constructor(private readonly shell: Shell, private readonly items: readonly MenuItem[]) {
    this.menu = new MenuView(items.map((item) => ({ text: item.text, note: menuNote(item, item.about()), onPress: () => { this.pick(item); } })));
  }

  get view(): Container {
    return this.menu;
  }

  choose(): null {
    this.shell.host.dispatch({ type: 'back' });
    return null;
  }

  enter(): void {
    this.items.forEach((item, i) => { this.menu.setNote(i, menuNote(item, item.about())); });
    this.menu.showScores(this.shell.scores.reload());
  }

  layout(width: number, height: number): void {
    this.menu.resize(width, height);
  }

  tick(): boolean {
    return false;
  }

  handleKey(key: string): boolean {
    const index = menuChoice(this.items, key);
    const item = index === null ? undefined : this.items[index];
    if (item === undefined) return false;
    this.pick(item);
    return true;
  }

  showMessage(text: string): void {
    this.menu.showMessage(text);
  }

  exposed(): Pick<ModeApi, 'menuButtons'> {
    const canvas = this.shell.app.canvas;
    return { menuButtons: () => this.menu.buttonRects().map(({ text, rect }) => ({ text, rect: toClient(canvas, rect) })) };
  }

  private pick(item: MenuItem): void {
    const refused = item.choose();
    if (refused !== null) this.menu.showMessage(refused);
  }
}
