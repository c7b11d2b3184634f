import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ScriptRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** with Interrupt.frozenMs: all the script had printed when the Ctrl-C reached it */
  readonly stdoutAtSignal?: string;
}

/** Ctrl-C `afterMs` after `marker` first appears on the script's standard output. */
export interface Interrupt {
  readonly marker: string;
  readonly afterMs: number;
  /**
   * Freeze the script (SIGSTOP) at the marker, read for this long what it had already printed, then
   * Ctrl-C and let it go on (SIGCONT): the script runs on while its output travels through the pipe,
   * and this is how a test knows exactly where it was when the signal arrived.
   */
  readonly frozenMs?: number;
}

export interface RunOptions {
  readonly interrupt?: Interrupt;
  /** working directory (default: the repository), e.g. a temporary copy of assets/ */
  readonly cwd?: string;
}

/** tsx's loader by absolute URL, so a script runs from any working directory */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * A repository entry run as users run it: a fresh Node process with tsx, the repository as working
 * directory unless told otherwise, MNIST_DIR passed on where the tests keep it (the unit tier sets none).
 * PEN_DIR is not passed on: the entries then train on MNIST alone, as from a clean clone (the pen mix
 * would add some 60,000 images to every training test); the pen data is tested through the models.
 */
export function runScript(script: string, args: readonly string[], interruptOrOptions?: Interrupt | RunOptions): Promise<ScriptRun> {
  const options: RunOptions = interruptOrOptions && 'marker' in interruptOrOptions ? { interrupt: interruptOrOptions } : (interruptOrOptions ?? {});
  const { interrupt } = options;
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, resolve(script), ...args], {
      env: { ...withoutPenDir(process.env), ...(process.env.MNIST_DIR === undefined ? {} : { MNIST_DIR: resolve(process.env.MNIST_DIR) }) },
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    let stdoutAtSignal: string | undefined;
    const frozenInterrupt = (frozenMs: number): void => {
      child.kill('SIGSTOP');
      setTimeout(() => {
        stdoutAtSignal = stdout;
        child.kill('SIGINT');
        child.kill('SIGCONT');
      }, frozenMs);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (interrupt !== undefined && !interrupted && stdout.includes(interrupt.marker)) {
        interrupted = true;
        const { frozenMs } = interrupt;
        if (frozenMs === undefined) setTimeout(() => child.kill('SIGINT'), interrupt.afterMs);
        else setTimeout(() => { frozenInterrupt(frozenMs); }, interrupt.afterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => { done({ code, stdout, stderr, ...(stdoutAtSignal === undefined ? {} : { stdoutAtSignal }) }); });
  });
}

function withoutPenDir(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  delete rest.PEN_DIR;
  return rest;
}
