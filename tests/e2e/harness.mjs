// Test harness for the end-to-end journeys: a tiny static server for the built site and a
// headless Chromium driven by playwright-core. Each test file starts its own, so any file can run
// alone: `node --test tests/e2e/checks.test.mjs`.
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built site (`trunk build --release` writes it); override with SECRETPATH_DIST. */
export const DIST_DIR = path.resolve(process.env.SECRETPATH_DIST ?? path.join(REPO_ROOT, 'dist'));
/** The site is served from this subfolder, to prove that relative asset URLs work there. */
export const BASE_PATH = '/secretpath/';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Serves DIST_DIR under BASE_PATH on a free loopback port. Resolves to { url, close }. */
export async function startStaticServer() {
  try {
    await stat(path.join(DIST_DIR, 'index.html'));
  } catch {
    throw new Error(`no built site at ${DIST_DIR}: run \`trunk build --release\` (or ./scripts/test.sh) first`);
  }
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url, 'http://127.0.0.1');
    if (!pathname.startsWith(BASE_PATH)) {
      response.writeHead(404).end('not found');
      return;
    }
    let relative = decodeURIComponent(pathname.slice(BASE_PATH.length)) || 'index.html';
    if (relative.endsWith('/')) relative += 'index.html';
    const file = path.resolve(DIST_DIR, relative);
    if (!file.startsWith(DIST_DIR + path.sep)) {
      response.writeHead(403).end('forbidden');
      return;
    }
    try {
      const body = await readFile(file);
      const type = MIME_TYPES[path.extname(file)] ?? 'application/octet-stream';
      response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${BASE_PATH}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Launches headless Chromium (Debian's, with the flags that keep it off the network) in a fresh
 * profile. Resolves to { context, page, requests, consoleErrors, close }: `requests` collects
 * every URL the browser asked for, `consoleErrors` every console error and uncaught exception.
 */
export async function launchBrowser() {
  const profile = await mkdtemp(path.join(tmpdir(), 'secretpath-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 800 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const requests = [];
  const consoleErrors = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  return {
    context,
    page,
    requests,
    consoleErrors,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** True when a URL stays on this machine (loopback HTTP, or data:/blob: that never leave). */
export function isLocal(url) {
  const parsed = new URL(url);
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

/** The quickstart model the app shows by default. */
export async function readQuickstartModel() {
  return JSON.parse(await readFile(path.join(REPO_ROOT, 'public/examples/quickstart.json'), 'utf8'));
}
