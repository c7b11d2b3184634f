/**
 * The game's screens: the Screen contract (shell/screen.ts) and the one explicit list of modes the
 * menu offers, in its order. Each entry's kind is its mode in the mode machine, its keys pick it on
 * the menu (with its position, 1-9), its text and `about` make its button. A new mode is a folder in
 * modes/ and one line here.
 */
import { ChallengeScreen, challengeNote } from './modes/challenge/challengeScreen.ts';
import { CompareScreen } from './modes/compare/compareScreen.ts';
import { DigitsScreen } from './modes/digits/digitsScreen.ts';
import { FreeScreen } from './modes/free/freeScreen.ts';
import { InsideScreen } from './modes/inside/insideScreen.ts';
import { MenuScreen } from './modes/menu/menuScreen.ts';
import { NumberScreen } from './modes/number/numberScreen.ts';
import { SettingsScreen } from './modes/settings/settingsScreen.ts';
import { TrainScreen } from './modes/train/trainScreen.ts';
import type { HostedScreen, ModeKind, Screen } from './shell/screen.ts';
import type { Shell } from './shell/shell.ts';

export type { Screen } from './shell/screen.ts';

export interface ScreenEntry {
  readonly kind: ModeKind;
  /** further modes the same screen shows (the challenge's summary) */
  readonly alsoShows?: readonly ModeKind[];
  /** picks it on the menu; the first is shown in the note under its button */
  readonly keys: readonly string[];
  readonly text: string;
  /** the note under its button, after the key */
  about(shell: Shell): string;
  create(shell: Shell): Screen;
}

export const SCREENS: readonly ScreenEntry[] = [
  { kind: 'free', keys: ['f'], text: 'Free draw', about: () => 'draw any digit and watch the network read it', create: (shell) => new FreeScreen(shell) },
  { kind: 'challenge', alsoShows: ['summary'], keys: ['c', 'Enter'], text: 'Challenge', about: (shell) => challengeNote(shell.settings.challenge()), create: (shell) => new ChallengeScreen(shell) },
  { kind: 'number', keys: ['n'], text: 'Number', about: () => 'several digits side by side, read as one number', create: (shell) => new NumberScreen(shell) },
  { kind: 'inside', keys: ['i'], text: 'Inside', about: () => 'every layer responding as you draw, and why it chose', create: (shell) => new InsideScreen(shell) },
  { kind: 'compare', keys: ['p'], text: 'Compare', about: () => 'one drawing read by every model side by side', create: (shell) => new CompareScreen(shell) },
  { kind: 'digits', keys: ['d'], text: 'My digits', about: () => 'the digits you corrected · teach it your handwriting', create: (shell) => new DigitsScreen(shell) },
  { kind: 'settings', keys: ['o'], text: 'Settings', about: () => 'rounds, time per round (or no limit), confidence, sound', create: (shell) => new SettingsScreen(shell) },
  { kind: 'train', keys: ['t'], text: 'Train', about: () => 'train a network from scratch and watch it learn', create: (shell) => new TrainScreen(shell) },
];

/** Builds every screen of the list, and the menu that offers them. */
export function createScreens(shell: Shell, entries: readonly ScreenEntry[] = SCREENS): readonly HostedScreen[] {
  const built = entries.map((entry) => ({ entry, screen: entry.create(shell) }));
  const menu = new MenuScreen(shell, built.map(({ entry, screen }) => ({
    text: entry.text,
    keys: entry.keys,
    about: () => entry.about(shell),
    choose: () => screen.choose(),
  })));
  return [{ kinds: ['menu'], screen: menu }, ...built.map(({ entry, screen }) => ({ kinds: [entry.kind, ...(entry.alsoShows ?? [])], screen }))];
}
