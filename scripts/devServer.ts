import * as esbuild from 'esbuild';
import { retiredWorkerScript, SERVICE_WORKER_PATH } from './offline.ts';
import { RELOAD_CLIENT, ReloadChannel } from './reload.ts';
import { startServer, type RunningServer } from './server.ts';
import { addBundle, bundleOptions, readStaticFiles, siteFile } from './site.ts';
import { TRAIN_WORKER_PATH } from '../common/train/protocol.ts';
import { trainWorkerScript } from './trainWorker.ts';

export interface DevServerOptions {
  /** 0 picks a free port */
  readonly port: number;
  /** the bundle's entry; the game's main.ts unless a test points it elsewhere */
  readonly entry?: string;
  /** one line per rebuild, or esbuild's formatted errors */
  readonly log: (message: string) => void;
}

export interface DevServer extends RunningServer {
  /** pages listening for reloads now */
  readonly listeners: () => number;
}

/**
 * `npm run dev`: esbuild watches every file the bundle imports and rebuilds into the in-memory
 * site; each page listens on an event source and reloads after a good build. A failed build keeps
 * the last good bundle and prints esbuild's messages. Same server as `npm start`, so the same
 * 127.0.0.1 binding, Host check and caching.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const site = await readStaticFiles();
  site.set(SERVICE_WORKER_PATH, siteFile(SERVICE_WORKER_PATH, await retiredWorkerScript()));
  // built once: edits to the Train mode's worker need a restart of npm run dev
  site.set(TRAIN_WORKER_PATH, siteFile(TRAIN_WORKER_PATH, await trainWorkerScript(false)));
  const reload = new ReloadChannel();
  // the first build ends (well or not) before the server starts; only later builds reload pages
  let firstBuilt: (() => void) | null = null;
  const built = new Promise<void>((resolve) => (firstBuilt = resolve));
  const ended = (ok: boolean): void => {
    if (firstBuilt === null) {
      if (ok) reload.change();
      return;
    }
    firstBuilt();
    firstBuilt = null;
  };
  const context = await esbuild.context({
    ...bundleOptions({ minify: false }, options.entry),
    // one file, so the reload banner runs once per page
    splitting: false,
    sourcemap: 'linked',
    banner: { js: RELOAD_CLIENT },
    plugins: [{
      name: 'into-site',
      setup(build) {
        let started = 0;
        build.onStart(() => {
          started = performance.now();
        });
        build.onEnd(async (result) => {
          if (result.errors.length > 0) {
            const messages = await esbuild.formatMessages(result.errors, { kind: 'error' });
            options.log(`build failed; still serving the last good bundle\n${messages.join('')}`);
            ended(false);
            return;
          }
          addBundle(site, result.outputFiles ?? []);
          options.log(`built in ${Math.round(performance.now() - started)} ms`);
          ended(true);
        });
      },
    }],
  });
  await context.watch();
  await built;
  let server: RunningServer;
  try {
    server = await startServer({ site, port: options.port, reload });
  } catch (error) {
    await context.dispose();
    throw error;
  }
  return {
    url: server.url,
    port: server.port,
    listeners: () => reload.listeners,
    close: async () => {
      await context.dispose();
      await server.close();
    },
  };
}
