import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureMnistFile, loadMnist, MNIST_FILES, MNIST_SHA256, MnistError, resolveMnistDir, sha256 } from '../../../ml/data/mnist.ts';
import { mnistDir } from '../../support/mnistTest.ts';

describe('resolveMnistDir: --data-dir, then MNIST_DIR, then the per-user cache', () => {
  const cache = (root: string) => join(root, 'handwritten-digits', 'mnist');
  test.each([
    { name: '--data-dir wins', dataDir: '/flag', env: { MNIST_DIR: '/env', XDG_CACHE_HOME: '/xdg' }, dir: '/flag' },
    { name: 'MNIST_DIR next', dataDir: undefined, env: { MNIST_DIR: '/env', XDG_CACHE_HOME: '/xdg' }, dir: '/env' },
    { name: 'an empty --data-dir counts as unset', dataDir: '', env: { MNIST_DIR: '/env' }, dir: '/env' },
    { name: 'XDG_CACHE_HOME', dataDir: undefined, env: { XDG_CACHE_HOME: '/xdg' }, dir: cache('/xdg') },
    { name: 'an empty MNIST_DIR counts as unset', dataDir: undefined, env: { MNIST_DIR: '', XDG_CACHE_HOME: '/xdg' }, dir: cache('/xdg') },
    { name: '~/.cache last', dataDir: undefined, env: {}, dir: cache(join(homedir(), '.cache')) },
  ])('$name', ({ dataDir, env, dir }) => {
    expect(resolveMnistDir({ dataDir, env })).toBe(dir);
  });
});

describe('the real files pass verification', () => {
  test('loadMnist reads all four from MNIST_DIR without touching the network', async () => {
    const mnist = await loadMnist({ dataDir: mnistDir(), mirrors: [] });
    expect(mnist.dir).toBe(mnistDir());
    expect([mnist.train.images.count, mnist.train.images.height, mnist.train.images.width]).toEqual([60_000, 28, 28]);
    expect(mnist.train.labels.length).toBe(60_000);
    expect([mnist.test.images.count, mnist.test.images.height, mnist.test.images.width]).toEqual([10_000, 28, 28]);
    expect(mnist.test.labels.length).toBe(10_000);
  });
});

/** Serves `body(path)` over HTTP on 127.0.0.1 at a free port; null answers 404. */
async function serve(body: (path: string) => Uint8Array | null): Promise<{ server: Server; url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push(path);
    const bytes = body(path);
    if (!bytes) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-length': bytes.length }).end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/`, requests };
}

describe('checksums: a file that does not match the original is refused', () => {
  // The labels file is small (4.5 KB), so the download tests stay fast.
  const FILE = MNIST_FILES.testLabels;
  let original: Uint8Array;
  let corrupted: Uint8Array;
  const servers: Server[] = [];

  beforeAll(async () => {
    original = await readFile(join(mnistDir(), FILE));
    corrupted = Uint8Array.from(original);
    corrupted[1000] = (corrupted[1000] ?? 0) ^ 0x01;
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  const freshDir = () => mkdtemp(join(tmpdir(), 'hd-mnist-'));

  test('the pinned SHA-256 values are those of the files in MNIST_DIR', async () => {
    for (const file of Object.values(MNIST_FILES)) {
      expect(sha256(await readFile(join(mnistDir(), file)))).toBe(MNIST_SHA256[file]);
    }
  });

  test('a corrupted local copy is refused with its path, and left alone', async () => {
    const local = await freshDir();
    await writeFile(join(local, FILE), corrupted);
    const attempt = ensureMnistFile(local, FILE, { mirrors: [] });
    await expect(attempt).rejects.toThrow(MnistError);
    await expect(ensureMnistFile(local, FILE, { mirrors: [] })).rejects.toThrow(`${join(local, FILE)} fails verification`);
    expect(await readFile(join(local, FILE))).toEqual(Buffer.from(corrupted));
    await rm(local, { recursive: true, force: true });
  });

  test('a mirror serving the wrong bytes is refused and nothing is written', async () => {
    const target = await freshDir();
    const mirror = await serve(() => corrupted);
    servers.push(mirror.server);
    const logged: string[] = [];
    const attempt = ensureMnistFile(target, FILE, { mirrors: [mirror.url], log: (line) => logged.push(line) });
    await expect(attempt).rejects.toThrow(MnistError);
    await expect(ensureMnistFile(target, FILE, { mirrors: [mirror.url] })).rejects.toThrow(/could not be downloaded:\n.*SHA-256 [0-9a-f]{64}, expected .*: refused/);
    expect(mirror.requests).toEqual([`/${FILE}`, `/${FILE}`]);
    expect(logged).toEqual([`downloading ${mirror.url}${FILE}`]);
    expect(await readdir(target)).toEqual([]);
    await rm(target, { recursive: true, force: true });
  });

  test('a mirror that answers 404 is reported with its status', async () => {
    const target = await freshDir();
    const mirror = await serve(() => null);
    servers.push(mirror.server);
    await expect(ensureMnistFile(target, FILE, { mirrors: [mirror.url] })).rejects.toThrow(`${mirror.url}${FILE}: HTTP 404`);
    expect(await readdir(target)).toEqual([]);
    await rm(target, { recursive: true, force: true });
  });

  test('the right bytes are written under the real name, with no temporary file left', async () => {
    const target = await freshDir();
    const mirror = await serve((path) => (path === `/${FILE}` ? original : null));
    servers.push(mirror.server);
    const bytes = await ensureMnistFile(target, FILE, { mirrors: [mirror.url] });
    expect(sha256(bytes)).toBe(MNIST_SHA256[FILE]);
    expect(await readdir(target)).toEqual([FILE]);
    expect(sha256(await readFile(join(target, FILE)))).toBe(MNIST_SHA256[FILE]);
    // A second call reads the verified file and does not download again.
    await ensureMnistFile(target, FILE, { mirrors: [mirror.url] });
    expect(mirror.requests).toHaveLength(1);
    await rm(target, { recursive: true, force: true });
  });

  test('a bad first mirror falls back to the second; a missing directory is created', async () => {
    const parent = await freshDir();
    const target = join(parent, 'cache', 'mnist');
    const bad = await serve(() => corrupted);
    const good = await serve(() => original);
    servers.push(bad.server, good.server);
    await ensureMnistFile(target, FILE, { mirrors: [bad.url, good.url] });
    expect(bad.requests).toHaveLength(1);
    expect(good.requests).toHaveLength(1);
    expect(existsSync(join(target, FILE))).toBe(true);
    expect(await readdir(target)).toEqual([FILE]);
    await rm(parent, { recursive: true, force: true });
  });

  test('an unreachable mirror is a clear error, not a hang', async () => {
    const parent = await freshDir();
    const target = join(parent, 'sub');
    await mkdir(target);
    // Port 9 (discard) on loopback is closed on any ordinary machine: the connection is refused.
    await expect(ensureMnistFile(target, FILE, { mirrors: ['http://127.0.0.1:9/'] })).rejects.toThrow(
      `${FILE} is not in ${target} and could not be downloaded`,
    );
    expect(await readdir(target)).toEqual([]);
    await rm(parent, { recursive: true, force: true });
  });
});
