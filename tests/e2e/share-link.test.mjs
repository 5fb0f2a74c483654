// Journey: share link → open it in a fresh browser (new profile: no autosave) → the same model.
// The link carries no secret values; a model too large for a link is refused with a clear message.
// Run alone: node --test tests/e2e/share-link.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, REPO_ROOT, startStaticServer } from './harness.mjs';
import { SecretPathPage } from './page.mjs';

const SCENARIO = 'exam-3-cross-account-resource-and-key-policy.json';

let server;
let browsers = [];

before(async () => {
  server = await startStaticServer();
});

after(async () => {
  for (const b of browsers) await b.close();
  await server?.close();
});

test('a shared link opens the same model in a fresh browser', async () => {
  const first = await launchBrowser();
  browsers.push(first);
  const app = new SecretPathPage(first.page);
  await app.open(server.url);
  await app.chooseScenario(SCENARIO);
  await app.waitForGraph();
  const before = await app.nodeCount();
  // An edit, so that the link carries more than an example: delete the first secret.
  const secret = (await app.graphNodes()).find((n) => n.kind === 'secret');
  await app.selectBySearch(secret.id);
  await first.page.getByTestId('selection-delete').click();
  await first.page.waitForFunction((n) => document.querySelectorAll('[data-testid="graph-node"]').length < n, before);
  const description = await app.description();
  const count = await app.nodeCount();
  const checks = (await app.checks()).map((c) => [c.name, c.decision]);
  const link = await app.shareLink();
  assert.match(link, /#model=/);
  assert.ok(link.length < 64 * 1024);

  const second = await launchBrowser();
  browsers.push(second);
  const other = new SecretPathPage(second.page);
  await other.open(link);
  await other.waitForGraph();
  assert.equal(await other.description(), description);
  assert.equal(await other.nodeCount(), count);
  assert.deepEqual((await other.checks()).map((c) => [c.name, c.decision]), checks);
  assert.deepEqual(await other.openErrors(), []);
});

test('a damaged link is reported and the example is shown', async () => {
  const third = await launchBrowser();
  browsers.push(third);
  const app = new SecretPathPage(third.page);
  await app.open(`${server.url}#model=not-a-model`);
  const errors = await app.openErrors();
  assert.ok(errors.length >= 1, 'the error is shown');
  assert.ok(await app.description(), 'the example is shown');
});

test('a model too large for a link is refused with a clear message, and no link is shown', async () => {
  const browser = await launchBrowser();
  browsers.push(browser);
  const app = new SecretPathPage(browser.page);
  await app.open(server.url);
  // 1,500 secrets with random (incompressible) descriptions: far past the 64 KiB fragment limit.
  const model = JSON.parse(await readFile(path.join(REPO_ROOT, 'public/examples/quickstart.json'), 'utf8'));
  const region = model.Accounts[0].Regions[0];
  region.Secrets = Array.from({ length: 1500 }, (_, i) => ({
    ARN: `arn:aws:secretsmanager:us-east-1:111111111111:secret:bulk/s${i}-AbCdEf`,
    Name: `bulk/s${i}`,
    Description: randomBytes(24).toString('hex'),
  }));
  model.Checks = [];
  await app.openModelFile('large.json', JSON.stringify(model));
  await browser.page.waitForFunction(() => document.querySelectorAll('[data-testid="graph-node"]').length > 1000, null, { timeout: 30_000 });
  await browser.page.getByTestId('share').click();
  const error = browser.page.getByTestId('share-error');
  await error.waitFor();
  assert.match(await error.textContent(), /too large for a share link.*at most \d+.*export the model file/s);
  assert.equal(await browser.page.getByTestId('share-link').count(), 0);
  assert.ok(!browser.page.url().includes('#model='), 'the address is not changed');
});
