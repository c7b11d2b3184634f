import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HOST, siteKey, startServer, type RunningServer } from '../../scripts/server.ts';
import { buildSite, type SiteFile } from '../../scripts/site.ts';

const file = (text: string, type = 'text/plain; charset=utf-8'): SiteFile => ({ body: new TextEncoder().encode(text), type });

/** Raw request: the path is sent exactly as given, with no client-side normalisation of `..`. */
function get(port: number, path: string, method = 'GET'): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: HOST, port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type']) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const site = new Map([
      ['index.html', file('<!doctype html>home', 'text/html; charset=utf-8')],
      ['models/index.json', file('{}', 'application/json; charset=utf-8')],
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
  test('holds the page, the bundle, fonts with licence, tfjs wasm, and nothing from outside', async () => {
    const site = await buildSite({ minify: true });
    for (const path of ['index.html', 'main.js', 'fonts/open-sans-latin-400-normal.woff2', 'fonts/LICENSE-OFL.txt',
      'tfjs/tfjs-backend-wasm.wasm', 'tfjs/tfjs-backend-wasm-simd.wasm']) {
      expect(site.has(path), path).toBe(true);
    }
    for (const path of site.keys()) expect(path).toMatch(/^(index\.html|main\.js(\.LEGAL\.txt)?|fonts\/[\w.-]+|tfjs\/[\w.-]+\.wasm|models\/[\w./-]+\.(json|bin))$/);
    const html = new TextDecoder().decode(site.get('index.html')?.body);
    // relative URLs only: the site works from any folder of any static host
    expect(html).toContain('src="main.js"');
    expect(html).not.toMatch(/(src|href)="(\/|https?:)/);
  });
});
