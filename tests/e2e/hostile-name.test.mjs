// Journey: a model file whose names carry markup is opened with "Open model file"; the names
// are shown as text everywhere (graph, search, selection) and no element or script comes from
// them. A file that does not load is refused with its JSON paths and changes nothing.
// Run alone: node --test tests/e2e/hostile-name.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, readQuickstartModel, startStaticServer } from './harness.mjs';
import { SecretPathPage } from './page.mjs';

const HOSTILE = '<img src=x onerror=alert(1)>';

let server;
let browser;
let app;
let dialogs = [];

/** The quickstart model with its role and account renamed to markup. */
async function hostileModel() {
  const model = await readQuickstartModel();
  const account = model.Accounts[0];
  account.Name = HOSTILE;
  model.Description = `${HOSTILE} <script>window.__pwned = true</script>`;
  model.Checks[0].Name = HOSTILE;
  return model;
}

before(async () => {
  server = await startStaticServer();
  browser = await launchBrowser();
  browser.page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  app = new SecretPathPage(browser.page);
  await app.open(server.url);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a model with markup in its names opens, and the markup stays text', async () => {
  await app.openModelFile('hostile.json', JSON.stringify(await hostileModel()));
  await browser.page.waitForFunction(
    (text) => document.querySelector('[data-testid="check-name"]')?.textContent === text,
    HOSTILE,
  );
  assert.equal(await app.description(), `${HOSTILE} <script>window.__pwned = true</script>`);
  await app.waitForGraph();
  const containers = await browser.page
    .locator('[data-testid="graph-container"] .graph-container__label')
    .allTextContents();
  assert.ok(containers.some((label) => label.includes(HOSTILE)), `labels: ${containers}`);

  await browser.page.getByTestId('search').fill('<img');
  await browser.page.waitForSelector('[data-testid="search-result"]');
  await browser.page.getByTestId('search-result').first().click();
  assert.ok((await browser.page.getByTestId('selection-json').textContent()).includes(HOSTILE));

  await browser.page.waitForTimeout(300);
  assert.equal(await browser.page.locator('img').count(), 0, 'no <img> element was created');
  assert.equal(await browser.page.evaluate(() => window.__pwned ?? false), false);
  assert.deepEqual(dialogs, [], 'no script ran');
});

test('a file that does not load is refused with JSON paths, and the model is unchanged', async () => {
  const before = await app.checks();
  const broken = await hostileModel();
  broken.Accounts[0].AccountId = 'not-an-account';
  await app.openModelFile('broken.json', JSON.stringify(broken));
  await browser.page.waitForSelector('[data-testid="open-error"]');
  const errors = await app.openErrors();
  assert.ok(errors.length > 0);
  assert.ok(errors.some((e) => e.includes('$.Accounts[0]')), `errors: ${errors}`);
  assert.deepEqual(await app.checks(), before);
});

test('nothing was logged as an error', async () => {
  assert.deepEqual(browser.consoleErrors, []);
});
