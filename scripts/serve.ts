/** `npm start [-- --port N]`: builds the game in memory and serves it on 127.0.0.1. */
import * as esbuild from 'esbuild';
import { startServer, type RunningServer } from './server.ts';
import { describeListenError, portOrExit } from './serveCli.ts';
import { buildSite } from './site.ts';

const COMMAND = 'npm start';

const port = portOrExit(process.argv.slice(2), process.env, COMMAND);

const started = performance.now();
let site;
try {
  site = await buildSite({ minify: true, offline: true });
} catch (error) {
  console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
} finally {
  // the bundle is built once: esbuild's service process (a couple of hundred MB) is not needed again
  await esbuild.stop();
}
if (!site.has('models/index.json')) console.warn('warning: assets/models/index.json is missing; the game will have no model');
let server: RunningServer;
try {
  server = await startServer({ site, port: port });
} catch (error) {
  console.error(describeListenError(error, port, COMMAND));
  process.exit(1);
}
console.log(`built ${site.size} files in ${Math.round(performance.now() - started)} ms`);
console.log(`handwritten-digits on ${server.url}  (Ctrl+C to stop)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
