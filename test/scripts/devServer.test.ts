import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDevServer, type DevServer } from '../../scripts/devServer.ts';
import { RELOAD_CLIENT, RELOAD_PATH } from '../../scripts/reload.ts';

/** The event stream a page opens, as raw text received so far. */
function listen(port: number): { readonly text: () => string; readonly request: ClientRequest } {
  let text = '';
  const req = request({ host: '127.0.0.1', port, path: RELOAD_PATH }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
  });
  req.on('error', () => undefined);
  req.end();
  return { text: () => text, request: req };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm run dev', () => {
  let dir = '';
  let server: DevServer;
  const log: string[] = [];
  const word = (text: string): Promise<void> => writeFile(join(dir, 'word.ts'), `export const word: string = ${text};\n`);
  const bundle = async (): Promise<string> => (await fetch(`${server.url}main.js`)).text();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dev-server-'));
    await writeFile(join(dir, 'entry.ts'), "import { word } from './word.ts';\nconsole.log(word);\n");
    await word("'first-word'");
    server = await startDevServer({ port: 0, entry: join(dir, 'entry.ts'), log: (line) => log.push(line) });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('serves the bundle with the reload listener, the page and the models', async () => {
    const js = await bundle();
    expect(js).toContain('first-word');
    expect(js).toContain(RELOAD_CLIENT);
    expect((await fetch(server.url)).status).toBe(200);
    expect((await fetch(`${server.url}models/index.json`)).status).toBe(200);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  test('an edited import is rebuilt into the served bundle and open pages are told to reload', async () => {
    const page = listen(server.port);
    await until('the page to listen', () => server.listeners() === 1);
    expect(page.text()).not.toContain('event: change');
    await word("'second-word'");
    await until('a change event', () => page.text().includes('event: change'));
    const js = await bundle();
    expect(js).toContain('second-word');
    expect(js).not.toContain('first-word');
    page.request.destroy();
  });

  test('a broken edit keeps the last good bundle, says why, and does not reload', async () => {
    const page = listen(server.port);
    await until('the page to listen', () => server.listeners() === 1);
    const logged = log.length;
    await word("'unterminated");
    await until('the error', () => log.slice(logged).some((line) => line.includes('build failed')));
    expect(log.slice(logged).join('\n')).toContain('word.ts');
    expect(page.text()).not.toContain('event: change');
    expect(await bundle()).toContain('second-word');
    await word("'third-word'");
    await until('a change event', () => page.text().includes('event: change'));
    expect(await bundle()).toContain('third-word');
    page.request.destroy();
  });
});
