import { spawn } from 'node:child_process';
import { mnistDir } from './mnistTest.ts';

export interface ScriptRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Ctrl-C `afterMs` after `marker` first appears on the script's standard output. */
export interface Interrupt {
  readonly marker: string;
  readonly afterMs: number;
}

/**
 * A repository entry run as users run it: a fresh Node process with tsx, the repository as working
 * directory, MNIST where the tests keep it.
 */
export function runScript(script: string, args: readonly string[], interrupt?: Interrupt): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, MNIST_DIR: mnistDir() } });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (interrupt !== undefined && !interrupted && stdout.includes(interrupt.marker)) {
        interrupted = true;
        setTimeout(() => child.kill('SIGINT'), interrupt.afterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
