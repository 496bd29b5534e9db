// A tiny static file server over a built site, for the browser checks.
// Serves index.html for directories (redirecting /dir to /dir/ as static hosts do),
// 404.html with status 404 for anything missing, and never a file outside the root.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonld': 'application/ld+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.xsl': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.webmanifest': 'application/manifest+json',
  '.pdf': 'application/pdf',
  '.yml': 'text/yaml; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

function isFile(p) {
  try { return fs.statSync(p).isFile(); } catch { return false; }
}
function isDir(p) {
  try { return fs.statSync(p).isDirectory(); } catch { return false; }
}

// resolve maps a URL path to {status, file, location}.
export function resolve(root, urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return { status: 400 };
  }
  if (rel.includes('\0')) return { status: 400 };
  const abs = path.resolve(root, '.' + path.posix.normalize('/' + rel));
  if (abs !== root && !abs.startsWith(root + path.sep)) return notFound(root);
  if (isDir(abs)) {
    if (!rel.endsWith('/')) return { status: 301, location: urlPath.split('?')[0] + '/' };
    const index = path.join(abs, 'index.html');
    return isFile(index) ? { status: 200, file: index } : notFound(root);
  }
  if (isFile(abs)) return { status: 200, file: abs };
  return notFound(root);
}

function notFound(root) {
  const f = path.join(root, '404.html');
  return { status: 404, file: isFile(f) ? f : null };
}

// start serves root on 127.0.0.1 on a free port; resolves to {server, origin, close()}.
export function start(root) {
  root = path.resolve(root);
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const r = resolve(root, req.url || '/');
    const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (r.location) {
      res.writeHead(r.status, { ...headers, Location: r.location });
      res.end();
      return;
    }
    if (!r.file) {
      res.writeHead(r.status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(r.status === 404 ? 'not found\n' : 'bad request\n');
      return;
    }
    const body = fs.readFileSync(r.file);
    res.writeHead(r.status, { ...headers, 'Content-Type': contentType(r.file), 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      ok({
        server,
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(() => done()); }),
      });
    });
  });
}
