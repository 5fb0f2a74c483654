// Journey: files in and out. A model file dropped on the page replaces the model (one undoable
// edit); other AWS output dropped on the page opens the paste dialog, which says what it is;
// Export downloads the model file, which loads again as the same model. Secret material in an
// opened file (a SecretString, a SecureString's Value) is never shown, stored, shared or exported.
// Run alone: node --test tests/e2e/files.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { readQuickstartModel, REPO_ROOT } from './harness.mjs';
import { openApp } from './page.mjs';

const SECRET_VALUE = 'hunter2-correct-horse-battery';
const PARAMETER_VALUE = 's3cr3t-parameter-value';

let session;
let server;
let browser;
let app;
let page;

/** Drops a file with `text` named `name` on the page, as the browser's drag and drop does. */
async function dropFile(name, text) {
  const transfer = await page.evaluateHandle(
    ({ name, text }) => {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: 'application/json' }));
      return data;
    },
    { name, text },
  );
  const target = page.locator('.app');
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

/** The quickstart with secret material in it, as `get-secret-value` and `get-parameter` print it. */
async function modelWithSecretMaterial() {
  const model = await readQuickstartModel();
  const region = model.Accounts[0].Regions[0];
  region.Secrets[0].SecretString = SECRET_VALUE;
  region.Parameters = [
    ...(region.Parameters ?? []),
    { Name: '/prod/db/password', Type: 'SecureString', Value: PARAMETER_VALUE, ARN: 'arn:aws:ssm:us-east-1:111111111111:parameter/prod/db/password' },
  ];
  model.Description = 'dropped model';
  return model;
}

before(async () => {
  session = await openApp({ width: 1280, height: 800 });
  ({ server, browser, app, page } = session);
});

after(async () => {
  await session?.close();
});

test('a model file dropped on the page replaces the model, as one undoable edit', async () => {
  const model = await modelWithSecretMaterial();
  await dropFile('dropped-model.json', JSON.stringify(model, null, 2));
  await page.waitForFunction(() => document.querySelector('[data-testid="model-description"]')?.textContent === 'dropped model');
  assert.deepEqual(await app.loadErrors(), []);
  assert.equal((await app.historyState()).undo, true);
  const nodes = await app.graphNodes();
  assert.ok(nodes.some((n) => n.label.includes('/prod/db/password')), 'the new parameter is drawn');
});

test('secret material from the dropped file is never shown, stored, shared or exported', async () => {
  await app.selectBySearch('prod/db');
  const shown = await page.evaluate(() => document.body.innerText);
  assert.ok(!shown.includes(SECRET_VALUE) && !shown.includes(PARAMETER_VALUE), 'not on the page');
  await app.editSelected();
  const editor = await app.editorText();
  assert.ok(!editor.includes(SECRET_VALUE), 'not in the editor');
  await app.cancelEditor();
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  assert.ok(!stored.includes(SECRET_VALUE) && !stored.includes(PARAMETER_VALUE), 'not in localStorage');
  const link = await app.shareLink();
  const fragment = new URL(link).hash.replace(/^#model=/, '');
  const shared = inflateRawSync(Buffer.from(fragment, 'base64url')).toString('utf8');
  assert.equal(JSON.parse(shared).Description, 'dropped model', 'the link carries the model');
  assert.ok(!shared.includes(SECRET_VALUE) && !shared.includes(PARAMETER_VALUE), 'not in the share link');
  await page.keyboard.press('Escape');

  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^secretpath-.*\.json$/);
  const exported = await readFile(await file.path(), 'utf8');
  assert.ok(!exported.includes(SECRET_VALUE) && !exported.includes(PARAMETER_VALUE), 'not in the export');
  const parsed = JSON.parse(exported);
  assert.equal(parsed.Description, 'dropped model');
  assert.equal(parsed.Accounts[0].Regions[0].Secrets[0].Name, 'prod/db');
});

test('the exported file opens again as the same model', async () => {
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const exported = await readFile(await (await download).path(), 'utf8');
  const before = await app.checks();
  await app.chooseScenario('exam-3-cross-account-resource-and-key-policy.json');
  await app.openModelFile('secretpath-dropped-model.json', exported);
  await page.waitForFunction(() => document.querySelector('[data-testid="model-description"]')?.textContent === 'dropped model');
  assert.deepEqual(await app.loadErrors(), []);
  assert.deepEqual(
    (await app.checks()).map((c) => [c.name, c.decision]),
    before.map((c) => [c.name, c.decision]),
  );
});

test('other AWS output dropped on the page opens the paste dialog, which names the command', async () => {
  const output = await readFile(path.join(REPO_ROOT, 'tests/scenarios/import/describe_vpc_endpoints.json'), 'utf8');
  const text = JSON.stringify(JSON.parse(output).Output, null, 2);
  await dropFile('endpoints.json', text);
  await page.waitForSelector('[data-testid="paste-dialog"]');
  assert.match(await app.pasteCommand(), /describe-vpc-endpoints/);
  await page.keyboard.press('Escape');
});
