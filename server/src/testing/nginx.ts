import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../config.ts';
import { proxyReady } from './proxy-process.ts';
import { findOnPath, isExecutable } from './services.ts';

/** The configuration docs/deploy.md shows: the tests run this file itself. */
const NGINX_SITE = join(REPO_ROOT, 'deploy', 'nginx', 'entanglement.conf');

export interface NginxService {
  /** http://127.0.0.1:<port> */
  base: string;
  port: number;
  stop(): Promise<void>;
}

/** Debian puts nginx in /usr/sbin, which a plain user's PATH may lack. */
function nginxBin(): string | null {
  return findOnPath('nginx') ?? (isExecutable('/usr/sbin/nginx') ? '/usr/sbin/nginx' : null);
}

/** Why nginx cannot be started here, or null. */
export function missingNginx(): string | null {
  return nginxBin()
    ? null
    : 'nginx was not found on PATH or in /usr/sbin (Debian: apt-get install nginx)';
}

/**
 * Runs nginx in the foreground with deploy/nginx/entanglement.conf, its two
 * processes' ports (2567, 2568) replaced by `ports` and listening on
 * 127.0.0.1:`listen`; its pid file, logs and temporary files in a fresh
 * directory, deleted by `stop()`.
 */
export async function startNginx(listen: number, ports: [number, number]): Promise<NginxService> {
  const dir = mkdtempSync(join(tmpdir(), 'entanglement-nginx-'));
  const site = readFileSync(NGINX_SITE, 'utf8')
    .replaceAll('127.0.0.1:2567', `127.0.0.1:${ports[0]}`)
    .replaceAll('127.0.0.1:2568', `127.0.0.1:${ports[1]}`)
    .replace(/listen 80;/, `listen 127.0.0.1:${listen};`);
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'site.conf'), site);
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      '  access_log off;',
      `  client_body_temp_path ${join(dir, 'body')};`,
      `  proxy_temp_path ${join(dir, 'proxy')};`,
      `  fastcgi_temp_path ${join(dir, 'fastcgi')};`,
      `  uwsgi_temp_path ${join(dir, 'uwsgi')};`,
      `  scgi_temp_path ${join(dir, 'scgi')};`,
      `  include ${join(dir, 'site.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  const bin = nginxBin();
  if (!bin) throw new Error(`Cannot start nginx: ${missingNginx()}.`);
  const child: ChildProcess = spawn(bin, ['-p', dir, '-c', join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const { stop } = await proxyReady('nginx', child, dir, `http://127.0.0.1:${listen}`, {
    stopSignal: 'SIGQUIT',
    timeoutMs: 10_000,
  });
  return { base: `http://127.0.0.1:${listen}`, port: listen, stop };
}
