import { randomBytes } from 'node:crypto';
import { request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HOST, siteKey, startServer, type RunningServer } from '../../scripts/server.ts';
import { RepresentationCache } from '../../scripts/representations.ts';
import { buildSite, type SiteFile } from '../../scripts/site.ts';

const file = (text: string, type = 'text/plain; charset=utf-8'): SiteFile => ({ body: new TextEncoder().encode(text), type });

interface Reply {
  readonly status: number;
  /** as sent, still compressed if it was */
  readonly bytes: Buffer;
  readonly body: string;
  readonly type: string;
  readonly headers: IncomingHttpHeaders;
}

/**
 * Raw request: the path is sent exactly as given, with no client-side normalisation of `..`, and
 * no Accept-Encoding unless `headers` ask for one. `host` replaces the Host header; null sends none.
 */
function get(port: number, path: string, method = 'GET', headers: OutgoingHttpHeaders = {}, host?: string | null): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: HOST, port, path, method, setHost: host !== null, headers: typeof host === 'string' ? { ...headers, host } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, bytes, body: bytes.toString('utf8'), type: String(res.headers['content-type']), headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** A page-sized script that compresses well, and bytes that do not compress at all. */
const SCRIPT = Array.from({ length: 2000 }, (_, i) => `export const value${i} = ${i} * 2;`).join('\n');
const NOISE = randomBytes(64 * 1024);

describe('server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const site = new Map([
      ['index.html', file('<!doctype html>home', 'text/html; charset=utf-8')],
      ['models/index.json', file('{}', 'application/json; charset=utf-8')],
      ['main.js', file(SCRIPT, 'text/javascript; charset=utf-8')],
      ['models/x/weights.bin', { body: NOISE, type: 'application/octet-stream' }],
    ]);
    server = await startServer({ site, port: 0 });
  });
  afterAll(() => server.close());

  test('binds 127.0.0.1 on the port it was given (0 = a free one)', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.port).toBeGreaterThan(0);
  });

  test.each([
    { path: '/', status: 200, body: '<!doctype html>home' },
    { path: '/index.html?model=seed', status: 200, body: '<!doctype html>home' },
    { path: '/models/index.json', status: 200, body: '{}' },
    { path: '/nope.js', status: 404 },
    { path: '/models/', status: 404 },
    { path: '/../package.json', status: 404 },
    { path: '/models/../../package.json', status: 404 },
    { path: '/%2e%2e/package.json', status: 404 },
    { path: '/%2e%2e%2fpackage.json', status: 404 },
    { path: '/..%5cpackage.json', status: 404 },
    { path: '/models/..%2f..%2fscripts/server.ts', status: 404 },
    { path: '//etc/passwd', status: 404 },
    { path: '/%00', status: 404 },
    { path: '/%E0%A4%A', status: 404 },
    { path: '/./index.html', status: 404 },
  ])('GET $path -> $status', async ({ path, status, body }) => {
    const response = await get(server.port, path);
    expect(response.status).toBe(status);
    if (body !== undefined) expect(response.body).toBe(body);
    if (status === 404) expect(response.body).not.toContain('"name"');
  });

  test('only GET and HEAD', async () => {
    expect((await get(server.port, '/', 'POST')).status).toBe(405);
    const head = await get(server.port, '/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  test('content types', async () => {
    expect((await get(server.port, '/')).type).toBe('text/html; charset=utf-8');
    expect((await get(server.port, '/models/index.json')).type).toBe('application/json; charset=utf-8');
  });

  // DNS rebinding: a page on evil.example re-pointed at 127.0.0.1 would send its own name
  test.each([
    { host: 'localhost', status: 200 },
    { host: '127.0.0.1', status: 200 },
    { host: '[::1]', status: 200 },
    { host: 'LOCALHOST', status: 200 },
    { host: 'evil.example', status: 403 },
    { host: '127.0.0.1.evil.example', status: 403 },
    { host: 'localhost.', status: 403 },
  ])('Host $host:<port> -> $status', async ({ host, status }) => {
    const response = await get(server.port, '/', 'GET', {}, `${host}:${server.port}`);
    expect(response.status).toBe(status);
    if (status === 403) expect(response.body).not.toContain('home');
  });

  test.each([
    { what: 'no port', host: '127.0.0.1', status: 403 },
    { what: 'another port', host: '127.0.0.1:1', status: 403 },
    // Node's HTTP/1.1 parser refuses this one itself
    { what: 'no Host header at all', host: null, status: 400 },
  ])('Host with $what -> $status', async ({ host, status }) => {
    expect((await get(server.port, '/', 'GET', {}, host)).status).toBe(status);
  });

  test('every file has an ETag, a Last-Modified date and no-cache, so a reload revalidates', async () => {
    const first = await get(server.port, '/main.js');
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(Date.parse(String(first.headers['last-modified']))).toBeLessThanOrEqual(Date.now());
    const again = await get(server.port, '/main.js');
    expect(again.headers.etag).toBe(first.headers.etag);
    expect((await get(server.port, '/')).headers.etag).not.toBe(first.headers.etag);
  });

  test.each([
    { what: 'If-None-Match with its tag', headers: (tag: string) => ({ 'if-none-match': tag }), status: 304 },
    { what: 'If-None-Match with its tag, weak, in a list', headers: (tag: string) => ({ 'if-none-match': `"other", W/${tag}` }), status: 304 },
    { what: 'If-None-Match: *', headers: () => ({ 'if-none-match': '*' }), status: 304 },
    { what: 'If-None-Match with another tag', headers: () => ({ 'if-none-match': '"stale"' }), status: 200 },
    { what: 'If-Modified-Since now', headers: () => ({ 'if-modified-since': new Date().toUTCString() }), status: 304 },
    { what: 'If-Modified-Since long ago', headers: () => ({ 'if-modified-since': new Date(0).toUTCString() }), status: 200 },
    { what: 'both, the tag stale', headers: () => ({ 'if-none-match': '"stale"', 'if-modified-since': new Date().toUTCString() }), status: 200 },
  ])('$what -> $status', async ({ headers, status }) => {
    const tag = String((await get(server.port, '/main.js')).headers.etag);
    const response = await get(server.port, '/main.js', 'GET', headers(tag));
    expect(response.status).toBe(status);
    if (status === 304) {
      expect(response.bytes.byteLength).toBe(0);
      expect(response.headers.etag).toBe(tag);
    } else {
      expect(response.body).toBe(SCRIPT);
    }
  });

  test.each([
    { accept: undefined, encoding: undefined },
    { accept: 'gzip, deflate, br, zstd', encoding: 'br' },
    { accept: 'gzip', encoding: 'gzip' },
    { accept: 'br;q=0, gzip;q=0.5', encoding: 'gzip' },
    { accept: 'identity', encoding: undefined },
    { accept: '*', encoding: 'br' },
    { accept: 'br;q=0, gzip;q=0', encoding: undefined },
  ])('Accept-Encoding $accept -> $encoding', async ({ accept, encoding }) => {
    const response = await get(server.port, '/main.js', 'GET', accept === undefined ? {} : { 'accept-encoding': accept });
    expect(response.headers['content-encoding']).toBe(encoding);
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(Number(response.headers['content-length'])).toBe(response.bytes.byteLength);
    const plain = encoding === 'br' ? brotliDecompressSync(response.bytes) : encoding === 'gzip' ? gunzipSync(response.bytes) : response.bytes;
    expect(plain.toString('utf8')).toBe(SCRIPT);
    if (encoding !== undefined) expect(response.bytes.byteLength).toBeLessThan(SCRIPT.length / 4);
  });

  test('each encoding has its own tag, and a 304 answers the tag of the encoding asked for', async () => {
    const br = await get(server.port, '/main.js', 'GET', { 'accept-encoding': 'br' });
    const plain = await get(server.port, '/main.js');
    expect(br.headers.etag).not.toBe(plain.headers.etag);
    expect((await get(server.port, '/main.js', 'GET', { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) })).status).toBe(304);
    expect((await get(server.port, '/main.js', 'GET', { 'accept-encoding': 'br', 'if-none-match': String(plain.headers.etag) })).status).toBe(200);
  });

  test('bytes that do not compress go out as they are', async () => {
    const response = await get(server.port, '/models/x/weights.bin', 'GET', { 'accept-encoding': 'gzip, br' });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.bytes.equals(NOISE)).toBe(true);
  });
});

describe('RepresentationCache', () => {
  test('compresses and hashes a file once, and a replaced file afresh', async () => {
    const cache = new RepresentationCache(() => Date.UTC(2026, 11, 1, 12, 0, 0, 700));
    const js = file(SCRIPT);
    const first = await cache.get(js);
    expect(await cache.get(js)).toBe(first);
    expect(first.lastModified).toBe('Tue, 01 Dec 2026 12:00:00 GMT');
    expect([...first.encoded.keys()]).toEqual(['br', 'gzip']);
    const edited = await cache.get(file(`${SCRIPT};`));
    expect(edited).not.toBe(first);
    expect(edited.etag).not.toBe(first.etag);
    expect((await cache.get(file(SCRIPT))).etag).toBe(first.etag);
  });
});

describe('siteKey', () => {
  test.each([
    ['/', 'index.html'],
    ['/fonts/a.woff2#x', 'fonts/a.woff2'],
    ['no-slash', null],
    ['/a/../b', null],
  ])('%s -> %s', (url, key) => {
    expect(siteKey(url)).toBe(key);
  });
});

describe('buildSite', () => {
  test('holds the page, the bundle, fonts with licence, the game\'s kernel, tfjs wasm, and nothing from outside', async () => {
    const site = await buildSite({ minify: true });
    for (const path of ['index.html', 'main.js', 'fonts/open-sans-latin-400-normal.woff2', 'fonts/LICENSE-OFL.txt',
      'kernels/conv.wasm', 'tfjs/tfjs-backend-wasm.wasm', 'tfjs/tfjs-backend-wasm-simd.wasm']) {
      expect(site.has(path), path).toBe(true);
    }
    for (const path of site.keys()) expect(path).toMatch(/^(index\.html|manifest\.webmanifest|icons\/icon-\d+\.png|main\.js(\.LEGAL\.txt)?|chunks\/[\w-]+\.js(\.LEGAL\.txt)?|fonts\/[\w.-]+|kernels\/[\w-]+\.wasm|tfjs\/[\w.-]+\.wasm|models\/[\w./-]+\.(json|bin)|replay\/mnist-replay\.bin|train\/(mnist-train\.bin|worker\.js))$/);
    const html = new TextDecoder().decode(site.get('index.html')?.body);
    // relative URLs only: the site works from any folder of any static host
    expect(html).toContain('src="main.js"');
    expect(html).not.toMatch(/(src|href)="(\/|https?:)/);
  });
});
