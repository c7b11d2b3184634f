/** `npm start [-- --port N]`: builds the game in memory and serves it on 127.0.0.1. */
import { parseArgs } from 'node:util';
import { startServer } from './server.ts';
import { buildSite } from './site.ts';

const DEFAULTS = { port: 8080 };

const { values } = parseArgs({ options: { port: { type: 'string' } }, strict: true, allowPositionals: false });
const rawPort = values.port ?? process.env['PORT'] ?? String(DEFAULTS.port);
const port = Number(rawPort);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port / PORT must be an integer 0..65535, got "${rawPort}"`);
  process.exit(2);
}

const started = performance.now();
const site = await buildSite({ minify: true });
if (!site.has('models/index.json')) console.warn('warning: assets/models/index.json is missing; the game will have no model');
const server = await startServer({ site, port });
console.log(`built ${site.size} files in ${Math.round(performance.now() - started)} ms`);
console.log(`handwritten-digits on ${server.url}  (Ctrl+C to stop)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
