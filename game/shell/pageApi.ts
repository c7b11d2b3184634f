import { MODE_API_MEMBERS, toClient, type ModeApi } from './modeApi.ts';
import { exposeApi } from './platform/api.ts';
import { tensorCount } from './platform/tfjsRuntime.ts';
import { drawingOf } from './personalDigits.ts';
import type { Shell } from './shell.ts';
import { BLANK_PREDICTION } from './state/prediction.ts';

/** window.handwrittenDigits: the shell's members and the screens' (Screen.exposed). */
export function exposePage(target: Window, shell: Shell): void {
  const { app: { canvas }, host, reading, models } = shell;
  exposeApi(target, {
    ...wholeModeApi(host.exposed()),
    gridRect: () => toClient(canvas, host.gridView().getRect()),
    gridFold: () => host.gridView().fold(),
    gridCells: () => host.gridView().shownGrid(),
    prediction: () => reading.current(),
    modelName: () => models.loaded?.entry.name ?? null,
    mode: () => host.report(),
    ready: () => models.allReady,
    settled: async () => {
      await models.digitReady;
      return reading.settled();
    },
    message: () => shell.messages.text(),
    modelLabel: () => models.label(shell.renderer),
    stats: () => ({
      readyMs: models.readyMs,
      backend: models.backend,
      renderer: shell.renderer,
      resolution: shell.app.renderer.resolution,
      latenciesMs: shell.latencies.list(),
      numberReadMs: shell.numberReads.list(),
      frameWorkMs: shell.meter.recent(),
      framesMeasured: shell.meter.total(),
      numTensors: tensorCount(),
      pieceVerifier: models.verifier !== null,
    }),
    toolRegions: () => {
      const tools = host.tools();
      if (tools === null) return null;
      const r = tools.regions();
      return { undo: toClient(canvas, r.undo), redo: toClient(canvas, r.redo), eraser: toClient(canvas, r.eraser), sound: toClient(canvas, r.sound) };
    },
    tool: () => shell.edits.tool(),
    sound: () => shell.sound.report(),
    personalReady: () => shell.personal.ready,
    saveExample: async (cells, label) => (await shell.personal.correct(drawingOf(Float32Array.from(cells), BLANK_PREDICTION), label)).message,
  });
}

function wholeModeApi(parts: Partial<ModeApi>): ModeApi {
  const missing = Object.keys(MODE_API_MEMBERS).filter((member) => !(member in parts));
  if (missing.length > 0) throw new Error(`no screen provides window.handwrittenDigits.${missing.join(', ')}`);
  // every member is there: checked just above against the compiler-checked list
  return parts as ModeApi;
}
