import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The game server that `npm run dev` proxies the API to (see server/src/config.ts). */
const SERVER = `http://localhost:${process.env.PORT || 2567}`;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: { outDir: 'dist', emptyOutDir: true },
  // The replay's play-on worker (client/src/replay/play-on.worker.ts) is a module like the page.
  worker: { format: 'es' },
  server: { proxy: { '/api': SERVER } },
});
