// Journey: the scenario library. The picker lists every example of `public/examples/index.json`
// in catalogue order (all compiled in: no request when one is chosen); choosing one shows its
// title, description and "What to try", draws its graph, and every one of its checks holds in
// the browser exactly as `secretpath check` says it does natively (tests/examples.rs).
// Run alone: node --test tests/e2e/scenario-library.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, REPO_ROOT, startStaticServer } from './harness.mjs';
import { SecretPathPage } from './page.mjs';

let server;
let browser;
let app;
let catalogue;

before(async () => {
  catalogue = JSON.parse(await readFile(path.join(REPO_ROOT, 'public/examples/index.json'), 'utf8')).Examples;
  server = await startStaticServer();
  browser = await launchBrowser();
  await browser.page.setViewportSize({ width: 1280, height: 800 });
  app = new SecretPathPage(browser.page);
  await app.open(server.url);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the scenario picker lists every example of the catalogue, in order', async () => {
  const values = await app.pickerValues('scenario-picker');
  assert.deepEqual(values, catalogue.map((e) => e.File));
});

test('every example loads, shows its description and what to try, and all its checks hold', async () => {
  for (const example of catalogue) {
    await app.chooseScenario(example.File);
    assert.deepEqual(await app.loadErrors(), [], example.File);
    await app.waitForGraph();
    const model = JSON.parse(await readFile(path.join(REPO_ROOT, 'public/examples', example.File), 'utf8'));
    assert.equal(await app.description(), model.Description, `${example.File}: description`);
    const tries = await app.page
      .locator('[data-testid="what-to-try"] li')
      .evaluateAll((items) => items.map((item) => item.textContent.trim()));
    assert.deepEqual(tries, example.WhatToTry, `${example.File}: what to try`);
    await app.page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="check-row"]').length === n,
      model.Checks.length,
    );
    const rows = await app.checks();
    assert.deepEqual(rows.map((r) => r.name), model.Checks.map((c) => c.Name), example.File);
    for (const row of rows) assert.equal(row.holds, true, `${example.File}: ${row.name}: ${row.holdsText}`);
  }
});
