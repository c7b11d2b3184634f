import type { Container } from 'pixi.js';
import { asInkImage } from '../../../common/ink/grid.ts';
import { centreLikeMnist } from '../../../common/preprocess.ts';
import type { FromWorker, TrainModel } from '../../../common/train/protocol.ts';
import type { EditableGrid } from '../../shell/drawingEdits.ts';
import { timed } from '../../shell/frames/frameMeter.ts';
import { toClient, type ModeApi } from '../../shell/modeApi.ts';
import type { TrainReport } from '../../shell/platform/api.ts';
import { classifierOf, saveKeptModel } from '../../shell/platform/keptModel.ts';
import { StorageProblem } from '../../shell/platform/personalStore.ts';
import type { Screen } from '../../shell/screen.ts';
import type { Shell } from '../../shell/shell.ts';
import type { GridView } from '../../shell/view/gridView.ts';
import { handleBackOrClear } from '../../shell/sharedKeys.ts';
import { TRAIN_BUTTONS } from './layout/trainLayout.ts';
import { TrainWorker } from './platform/trainWorker.ts';
import { readGuess } from './state/trainGuess.ts';
import { CLOSED, nextSession, nextSpeed, type SessionEvent, type TrainSession } from './state/trainSession.ts';
import { trainedEntry } from '../../shell/state/trainedEntry.ts';
import { percent } from './state/trainTexts.ts';
import { TrainScreenView } from './view/trainScreenView.ts';

/**
 * Train: a small network trained from scratch in a worker while the player watches its curves,
 * its first filters and its guess on their drawing; Keep makes it the model the other screens
 * play. The worker starts (and downloads its digits) on the first visit only; leaving the room
 * pauses it, coming back resumes it.
 */
export class TrainScreen implements Screen {
  // nothing moves by itself: a report from the worker marks the room dirty, and its tick renders that frame
  readonly animates = false;
  private readonly room: TrainScreenView;
  private readonly worker: TrainWorker;
  private readonly drawing: EditableGrid;
  private session: TrainSession = CLOSED;
  private dirty = true;
  /** it was training when the player left: it resumes on return */
  private resumeOnEnter = false;
  /** the room's own message (Keep's outcome), shown over the page's warnings */
  private said = '';
  private pageMessage = '';

  constructor(private readonly shell: Shell) {
    const { grid, host } = shell;
    this.room = new TrainScreenView(grid, {
      pause: () => { this.dispatch({ type: this.session.phase === 'paused' ? 'resume' : 'pause' }); },
      restart: () => { this.dispatch({ type: 'restart' }); },
      speed: () => { this.dispatch({ type: 'speed', speed: nextSpeed(this.session.speed) }); },
      keep: () => { this.keep(); },
      menu: () => { host.dispatch({ type: 'back' }); },
    });
    this.worker = new TrainWorker(shell.siteRoot, (message) => { timed(shell.meter, shell.now, () => { this.received(message); }); });
    this.drawing = { grid, changed: () => { this.sendDrawing(); } };
  }

  get view(): Container {
    return this.room;
  }

  choose(): null {
    this.shell.host.dispatch({ type: 'chooseTrain' });
    return null;
  }

  enter(): void {
    const first = this.session.phase === 'closed' || this.session.phase === 'failed';
    this.dispatch({ type: 'open' });
    if (first) {
      this.say('');
      this.worker.start(this.session.speed);
    } else if (this.resumeOnEnter) {
      this.dispatch({ type: 'resume' });
    }
    this.resumeOnEnter = false;
    this.sendDrawing();
  }

  /** Training stops while another screen is shown: it would only slow the game down. */
  leave(): void {
    this.resumeOnEnter = this.session.phase === 'training';
    if (this.resumeOnEnter) this.dispatch({ type: 'pause' });
  }

  layout(width: number, height: number): void {
    this.room.layout(width, height);
    this.dirty = true;
  }

  tick(): boolean {
    const drawn = this.room.gridView.sync();
    if (!this.dirty) return drawn;
    this.dirty = false;
    this.room.show(this.session, this.shell.grid.cells.every((v) => v === 0));
    return true;
  }

  /** Space pauses and resumes; Escape or Backspace clears the drawing; M goes back to the menu. */
  handleKey(key: string): boolean {
    const { edits, grid } = this.shell;
    if (key === ' ') {
      this.dispatch({ type: this.session.phase === 'paused' ? 'resume' : 'pause' });
      return true;
    }
    return handleBackOrClear(this.shell, key, () => {
      edits.beforeClear(grid);
      this.sendDrawing();
    });
  }

  drawingOn(): EditableGrid {
    return this.drawing;
  }

  gridView(): GridView {
    return this.room.gridView;
  }

  tools(): null {
    return null;
  }

  showMessage(text: string): void {
    this.pageMessage = text;
    this.room.setMessage(this.said || text);
  }

  exposed(): Pick<ModeApi, 'train'> {
    return { train: () => this.report() };
  }

  /** A player's choice: the room's state follows at once, the worker on its next slice. */
  private dispatch(event: SessionEvent): void {
    const before = this.session;
    this.session = nextSession(before, event);
    if (this.session === before) return;
    switch (event.type) {
      case 'pause':
      case 'resume':
      case 'restart':
        this.worker.post({ type: event.type });
        break;
      case 'speed':
        this.worker.post({ type: 'speed', speed: event.speed });
        break;
      default:
        break;
    }
    this.changed();
  }

  private received(message: FromWorker): void {
    if (message.type === 'model') {
      void this.play(message);
      return;
    }
    if (message.type === 'failed') this.say(message.message);
    this.session = nextSession(this.session, message);
    if (message.type === 'ready') this.started();
    this.changed();
  }

  /** The worker has its digits and its network: it reads the drawing, and waits if the player left while it loaded. */
  private started(): void {
    this.sendDrawing();
    if (this.shell.host.modeNow().kind === 'train') return;
    this.dispatch({ type: 'pause' });
    this.resumeOnEnter = true;
  }

  /** The drawing as the model sees it, to the worker, which reads it with the network as it is now. */
  private sendDrawing(): void {
    const { grid } = this.shell;
    const normalised = centreLikeMnist(asInkImage(grid));
    this.worker.post({ type: 'drawing', pixels: normalised.blank ? null : normalised.pixels, version: grid.version });
    this.changed();
  }

  private keep(): void {
    if (this.session.phase !== 'training' && this.session.phase !== 'paused') return;
    this.say('Keeping it…');
    this.worker.post({ type: 'export' });
  }

  /** The worker's files of the network: it plays from now on, and is saved for Compare and later visits. */
  private async play(files: TrainModel): Promise<void> {
    const { models, reading } = this.shell;
    try {
      const classifier = await classifierOf(files, await models.kernel);
      models.useTrained(classifier, trainedEntry(files, (await classifier.layersModel()).countParams()));
      reading.reread();
      let stored = '';
      try {
        await saveKeptModel(classifier, { steps: files.steps, accuracy: files.accuracy });
      } catch (error) {
        if (!(error instanceof StorageProblem)) throw error;
        stored = ` (${error.message})`;
      }
      const measured = files.accuracy === null ? '' : `, ${percent(files.accuracy)} on held-out digits`;
      this.say(`Kept${measured}: free draw, a challenge and Inside now play this network${stored}`);
    } catch (error) {
      this.say(`It could not be kept: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The room's message line; said to a screen reader too, as only the canvas shows it. */
  private say(text: string): void {
    if (text !== '' && text !== this.said) this.shell.say(text);
    this.said = text;
    this.room.setMessage(text || this.pageMessage);
    this.changed();
  }

  /**
   * Something shown changed: the next frame's tick redraws and renders it. Not the render clock's
   * invalidate, which renders every frame for a while after: five reports a second would then keep
   * the page rendering at 60 frames a second for nothing.
   */
  private changed(): void {
    this.dirty = true;
  }

  private report(): TrainReport {
    const { session } = this;
    const canvas = this.shell.app.canvas;
    const guess = readGuess(session.guess);
    return {
      phase: session.phase,
      problem: session.problem,
      message: this.said || this.pageMessage,
      backend: session.backend,
      speed: session.speed,
      steps: session.steps,
      seconds: session.seconds,
      examples: session.examples,
      loss: session.loss.map(({ x, y }) => ({ seconds: x, value: y })),
      accuracy: session.accuracy.map(({ x, y }) => ({ seconds: x, value: y })),
      filters: session.filters === null ? null : Array.from(session.filters),
      filterChanges: session.filterChanges,
      workerTensors: session.workerTensors,
      workerPaused: session.workerPaused,
      gridVersion: this.shell.grid.version,
      guess: guess === null ? null : { digit: guess.digit, confidence: guess.confidence, gridVersion: session.guessFor },
      buttons: Object.fromEntries(TRAIN_BUTTONS.map((name) => [name, toClient(canvas, this.room.buttonRect(name))])),
      filterTiles: this.room.filterRects().map((rect) => toClient(canvas, rect)),
    };
  }
}
