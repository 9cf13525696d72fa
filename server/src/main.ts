import { relative } from 'node:path';
import { isClientBuilt } from './client.ts';
import { CLIENT_DIST, type Config, loadConfig, REPO_ROOT } from './config.ts';
import { startGameServer } from './game-server.ts';
import { isWildcard, lanAddresses } from './lan-addresses.ts';
import { log, reasonOf, setLogLevel } from './log.ts';
import { notifyOptions } from './notify/notify-options.ts';
import { openSqliteStore } from './store/sqlite.ts';
import type { MatchStore } from './store/types.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  setLogLevel(config.logLevel);

  if (!isClientBuilt(CLIENT_DIST)) {
    log.warn(
      `The client is not built (${relative(REPO_ROOT, CLIENT_DIST)}/index.html is missing): ` +
        'run `npm run build`, or `npm start` to build and start. The API works meanwhile.',
    );
  }

  const { store, where } = await openStore(config);
  log.info(`Match data: ${where}`);

  const server = await startGameServer({
    port: config.port,
    host: config.host,
    clientDist: CLIENT_DIST,
    store,
    redisUrl: config.redisUrl ?? undefined,
    publicAddress: config.publicAddress ?? undefined,
    limits: config.limits,
    notify: notifyOptions(config),
  }).catch(async (error: unknown) => {
    await store.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new Error(
        `Port ${config.port} is already in use: stop the other program or set PORT, e.g. PORT=3000 npm start.`,
      );
    }
    throw error;
  });

  const port = server.port;
  if (config.redisUrl)
    log.info(
      `Sharing matches through Redis with other processes; clients reach this one at ${config.publicAddress ?? 'the address they used'}`,
    );
  log.info(`Entanglement is running: open http://${displayHost(config.host)}:${port}`);
  if (isWildcard(config.host)) {
    for (const address of lanAddresses()) log.info(`On this network: http://${address}:${port}`);
  }

  const stop = () => {
    server
      .stop()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Postgres when DATABASE_URL is set (pg is loaded only then), else the SQLite file in DATA_DIR. */
async function openStore(config: Config): Promise<{ store: MatchStore; where: string }> {
  if (config.databaseUrl) {
    const { openPostgresStore } = await import('./store/postgres.ts');
    const store = await openPostgresStore({ url: config.databaseUrl });
    return { store, where: `${store.where} (schema version ${store.schemaVersion})` };
  }
  const store = openSqliteStore({ dataDir: config.dataDir });
  return { store, where: store.file };
}

function displayHost(host: string): string {
  if (isWildcard(host)) return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

main().catch((error: unknown) => {
  log.fatal(reasonOf(error));
  process.exit(1);
});
