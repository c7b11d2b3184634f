import { execFile, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../../scripts/site.ts';
import { runScript, type ScriptRun } from '../support/runScript.ts';

const SERVE = 'scripts/serve.ts';

/** `npm start ...args` exactly as typed at a shell in the repository. */
function npmStart(args: readonly string[]): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start', ...args], { cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => { resolve({ code, stdout, stderr }); });
  });
}

/** Our own lines on standard error: npm adds its warnings ("npm warn ...") to the same stream. */
const ownLines = (stderr: string): string[] => stderr.split('\n').filter((line) => line !== '' && !line.startsWith('npm '));

describe('npm start', () => {
  let busy: Server;
  let busyPort = 0;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const address = busy.address();
    busyPort = typeof address === 'object' && address !== null ? address.port : 0;
  });
  afterAll(() => new Promise<void>((resolve) => busy.close(() => { resolve(); })));

  test('on a busy port: one line that says what to do, exit 1', async () => {
    const run = await runScript(SERVE, ['--port', String(busyPort)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`port ${busyPort} is in use: try npm start -- --port ${busyPort + 1}\n`);
  });

  test('`npm start --port N` typed without `--` uses port N', async () => {
    const run = await npmStart(['--port', String(busyPort)]);
    expect(run.code).not.toBe(0);
    expect(ownLines(run.stderr)).toEqual([`port ${busyPort} is in use: try npm start -- --port ${busyPort + 1}`]);
  });

  test('--help prints the usage, exit 0', async () => {
    const run = await runScript(SERVE, ['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm start \[-- --port N\]\n/);
    expect(run.stdout).toContain('--port N');
    expect(run.stderr).toBe('');
  });

  test.each([
    { args: ['--bogus'], says: 'unknown option --bogus' },
    { args: ['--port', 'eighty'], says: '--port must be an integer 0..65535, got "eighty"' },
    { args: ['8081'], says: 'unexpected argument "8081"' },
  ])('$args: one line, the usage, exit 2', async ({ args, says }) => {
    const run = await runScript(SERVE, args);
    expect(run.code).toBe(2);
    const [first, blank, usage] = run.stderr.split('\n');
    expect([first, blank, usage]).toEqual([says, '', 'Usage: npm start [-- --port N]']);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  test('serves with no esbuild process left running, and Ctrl-C stops it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', SERVE, '--port', '0'], { cwd: REPO_ROOT });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const found = /handwritten-digits on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1];
        if (found !== undefined) resolve(found);
      });
      child.on('close', () => { reject(new Error(`serve exited before serving: ${stdout}`)); });
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const { stdout: children } = await promisify(execFile)('ps', ['-o', 'pid=,comm=', '--ppid', String(child.pid)]).catch(
      (error: unknown) => ({ stdout: typeof error === 'object' && error !== null && 'stdout' in error && typeof error.stdout === 'string' ? error.stdout : '' }),
    );
    expect(children.trim()).toBe('');
    child.kill('SIGINT');
    expect(await closed).toBe(0);
  });
});
