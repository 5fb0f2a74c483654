// Journey: the quickstart model's checks are evaluated and shown. Needs the real engine
// (until it lands, `run_checks` answers "the engine is not built yet" and these fail).
// Run alone: node --test tests/e2e/checks.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, readQuickstartModel, startStaticServer } from './harness.mjs';
import { SecretPathPage } from './page.mjs';

let server;
let browser;
let app;
let model;

before(async () => {
  model = await readQuickstartModel();
  server = await startStaticServer();
  browser = await launchBrowser();
  app = new SecretPathPage(browser.page);
  await app.open(server.url);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the quickstart model loads without errors', async () => {
  assert.deepEqual(await app.loadErrors(), []);
});

test('one row is shown per entry of the model\'s Checks, in order', async () => {
  const rows = await app.checks();
  assert.deepEqual(
    rows.map((row) => row.name),
    model.Checks.map((check) => check.Name),
  );
});

test('each check shows the decision the quickstart expects, in text', async () => {
  const rows = await app.checks();
  assert.deepEqual(rows.map((row) => row.decision), ['Allowed', 'ImplicitlyDenied']);
  for (const row of rows) assert.match(row.decisionText, new RegExp(row.decision));
});

test('every Expect of the quickstart holds', async () => {
  const rows = await app.checks();
  assert.equal(rows.length, model.Checks.length);
  for (const row of rows) assert.equal(row.holds, true, `${row.name}: ${row.holdsText}`);
});

test('an allowed check has no blockers; a denied one names at least one', async () => {
  const rows = await app.checks();
  assert.equal(rows.length, model.Checks.length);
  for (const row of rows) {
    if (row.decision === 'Allowed') assert.deepEqual(row.blockers, [], row.name);
    else {
      assert.ok(row.blockers.length > 0, `${row.name} shows no blocker`);
      for (const blocker of row.blockers) {
        for (const field of ['layer', 'component', 'code', 'message']) {
          assert.ok(blocker[field], `${row.name}: blocker without ${field}`);
        }
      }
    }
  }
});
