/** `npm run dev [-- --port N]`: serves the game on 127.0.0.1, rebuilds on every change and reloads the page. */
import { startDevServer, type DevServer } from './devServer.ts';
import { describeListenError, portOrExit } from './serveCli.ts';

const COMMAND = 'npm run dev';

const port = portOrExit(process.argv.slice(2), process.env, COMMAND);

let server: DevServer;
try {
  server = await startDevServer({ port: port, log: (message) => { console.log(message); } });
} catch (error) {
  console.error((error as { code?: unknown }).code === undefined
    ? `dev server failed: ${error instanceof Error ? error.message : String(error)}`
    : describeListenError(error, port, COMMAND));
  process.exit(1);
}
console.log(`handwritten-digits (dev: rebuilds and reloads on change) on ${server.url}  (Ctrl+C to stop)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
