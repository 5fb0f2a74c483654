// Journey: share link → open it in a fresh browser (new profile: no autosave) → the same model.
// The link carries no secret values.
// Run alone: node --test tests/e2e/share-link.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, startStaticServer } from './harness.mjs';
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
