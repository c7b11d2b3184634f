/**
 * Composition root: starts the shell (models and Pixi side by side), builds the screens of
 * game/screens.ts, and wires frames, resizes, keys, messages and the page API to them. The only
 * module that does work at import time.
 */
import { registerServiceWorker, reloadOnNewBuild } from './offline/register.ts';
import { createScreens } from './screens.ts';
import { mirrorButtons } from './shell/buttonMirror.ts';
import { GameSounds } from './shell/gameSounds.ts';
import { exposePage } from './shell/pageApi.ts';
import { DomButtons } from './shell/platform/domButtons.ts';
import { renderOnDemand } from './shell/frames/renderOnDemand.ts';
import { drawOn, startShell } from './shell/shell.ts';
import { listenForKeys } from './shell/sharedKeys.ts';

reloadOnNewBuild(navigator, () => { location.reload(); });
const shell = await startShell();
const { app, host, models, clock, now } = shell;
host.attach(createScreens(shell), app.stage);
drawOn(shell, shell.grid);

const layout = (width: number, height: number): void => { host.layout(width, height); };
layout(app.screen.width, app.screen.height);
app.renderer.on('resize', layout);

const domButtons = new DomButtons(document, app.canvas);
// after a press, at once: the next Tab must already move among the new screen's buttons
function syncButtons(): void {
  mirrorButtons(app.stage, domButtons, () => {
    clock.invalidate();
    syncButtons();
  });
}
const sounds = new GameSounds((cue) => { shell.sound.play(cue); });
// Still screens (free draw, the Number mode) render on demand; the others animate, so every frame.
renderOnDemand(app, window, clock, {
  frame: (deltaTime) => {
    const changed = host.tick(deltaTime);
    sounds.frame(host.modeNow(), now());
    syncButtons();
    return { changed, animates: host.animates() };
  },
  meter: shell.meter,
  now,
});
shell.messages.showOn((text) => {
  host.showMessage(text);
  clock.invalidate();
});
listenForKeys(window, shell);

models.digitReady.then(() => { shell.reading.request(); }, () => undefined);
// The views exist by now; the verifier may have finished before or after them.
models.allReady.then(() => { clock.invalidate(); }, () => undefined).finally(() => {
  // after the game's own loading, so precaching the build does not compete with it
  registerServiceWorker(navigator, shell.siteRoot);
});

shell.edits.show();
exposePage(window, shell);
