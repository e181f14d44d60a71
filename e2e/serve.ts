import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

/**
 * Serves a built site on 127.0.0.1 under `base`, with the site's 404 page for missing paths, or a
 * line of text for a site without one (the benchmarks' bare reference site).
 */
export async function serveSite(dir: string, base = '/'): Promise<{ url: string; close: () => Promise<void> }> {
  const files = sirv(dir, { dev: true, etag: false });
  // Read once: every caller serves a site that is already built.
  const page404 = join(dir, '404.html');
  const notFoundBody = existsSync(page404) ? readFileSync(page404) : 'Not found';
  const prefix = base.replace(/\/$/, '');
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (prefix && !url.startsWith(`${prefix}/`)) {
      res.statusCode = 404;
      res.end(notFoundBody);
      return;
    }
    req.url = url.slice(prefix.length) || '/';
    files(req, res, () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(notFoundBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
