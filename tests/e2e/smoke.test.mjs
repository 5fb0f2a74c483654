// The page starts, shows its title and either results or a load error, and never reaches
// beyond this machine. Passes with or without the engine.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { isLocal, readQuickstartModel, REPO_ROOT } from './harness.mjs';
import { openApp } from './page.mjs';

let session;
let server;
let browser;
let app;

before(async () => {
  session = await openApp();
  ({ server, browser, app } = session);
});

after(async () => {
  await session?.close();
});

test('the page shows its title, the model description, and either results or a load error', async () => {
  assert.equal(await app.title(), 'SecretPath');
  assert.equal(await browser.page.title(), 'SecretPath');
  const model = await readQuickstartModel();
  assert.equal(await app.description(), model.Description);
  const rows = await app.checks();
  const errors = await app.loadErrors();
  assert.ok(rows.length > 0 || errors.length > 0, 'expected check rows or a load error');
  if (errors.length > 0) assert.equal(rows.length, 0, 'a model that failed to load shows no results');

  const screenshots = path.join(REPO_ROOT, 'docs/screenshots');
  await mkdir(screenshots, { recursive: true });
  await app.screenshot(path.join(screenshots, 'checks.png'));
});

test('no request leaves the machine', async () => {
  // Let anything scheduled after start-up (favicon, late fetches) happen first.
  await browser.page.waitForLoadState('networkidle');
  assert.ok(browser.requests.length > 0, 'the recorder saw no request at all');
  const remote = browser.requests.filter((url) => !isLocal(url));
  assert.deepEqual(remote, [], 'requests to non-loopback hosts');
});

test('once loaded, the page makes no further request', async () => {
  await browser.page.waitForLoadState('networkidle');
  const seen = browser.requests.length;
  await browser.page.waitForTimeout(1_000);
  assert.deepEqual(browser.requests.slice(seen), []);
});

test('the page logs no error, and its Content-Security-Policy blocks nothing it needs', async () => {
  assert.deepEqual(browser.consoleErrors, []);
});
