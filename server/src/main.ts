import { networkInterfaces } from 'node:os';
import { relative } from 'node:path';
import { isClientBuilt } from './client.ts';
import { CLIENT_DIST, loadConfig, REPO_ROOT } from './config.ts';
import { startGameServer } from './game-server.ts';
import { openSqliteStore } from './store/sqlite.ts';

async function main(): Promise<void> {
  const config = loadConfig();

  if (!isClientBuilt(CLIENT_DIST)) {
    console.warn(
      `The client is not built (${relative(REPO_ROOT, CLIENT_DIST)}/index.html is missing): ` +
        'run `npm run build`, or `npm start` to build and start. The API works meanwhile.',
    );
  }

  const store = openSqliteStore({ dataDir: config.dataDir });
  console.log(`Match data: ${store.file}`);

  const server = await startGameServer({
    port: config.port,
    host: config.host,
    clientDist: CLIENT_DIST,
    store,
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
  console.log(`Entanglement is running: open http://${displayHost(config.host)}:${port}`);
  if (isWildcard(config.host)) {
    for (const address of lanAddresses())
      console.log(`  on this network: http://${address}:${port}`);
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

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

function displayHost(host: string): string {
  if (isWildcard(host)) return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/** The machine's IPv4 addresses on local networks, for players joining from other devices. */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
