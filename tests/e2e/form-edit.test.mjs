// Journey: create and edit entities through the editor's form, not their JSON. On the quickstart,
// adds a KMS key and then a secret from the Add menu, picks the secret's KmsKeyId with the
// reference picker (which lists the new key), saves and finds the secret on the graph,
// encrypted with that key; then removes the app role's inline policy row in its form: the check
// "app reads prod/db" turns from Allowed to ImplicitlyDenied, and the members the form does not
// show (CreateDate) are kept. Finally adds an organization and an SCP, and places the account
// under the root with the SCP attached, from the account's form. Saves the form-editor
// screenshot.
// Run alone: node --test tests/e2e/form-edit.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './harness.mjs';
import { openApp } from './page.mjs';

const SHOTS = path.join(REPO_ROOT, 'docs/screenshots');
const CHECK = 'app reads prod/db';
const KEY_ID = '00000000-0000-0000-0000-000000000001';
const KEY_ARN = `arn:aws:kms:us-east-1:111111111111:key/${KEY_ID}`;

let session;
let server;
let browser;
let app;

before(async () => {
  session = await openApp({ width: 1280, height: 900 });
  ({ server, browser, app } = session);
  await mkdir(SHOTS, { recursive: true });
});

after(async () => {
  await session?.close();
});

test('a KMS key is added from the Add menu with its form', async () => {
  await app.addEntity('Key');
  assert.equal(await app.formField('KeyId').inputValue(), KEY_ID, 'the template has a fresh key id');
  assert.equal(await app.saveEditor(), true, 'the editor closes: the key was added');
  await app.waitForGraph();
  assert.ok((await app.graphNodes()).some((n) => n.id === KEY_ARN || n.id.endsWith(KEY_ID)));
});

test('a new secret picks its KMS key from the reference picker and appears on the graph', async () => {
  await app.addEntity('Secret');
  const arn = await app.formField('ARN').inputValue();
  assert.match(arn, /^arn:aws:secretsmanager:us-east-1:111111111111:secret:new-secret-1-/);
  await app.fillFormField('Name', 'payments/api');
  await app.fillFormField('Description', 'API token for <b>payments</b>');
  const options = await app.formOptions('KmsKeyId');
  const key = options.find((o) => o.value === KEY_ARN);
  assert.ok(key, `the picker lists the new key: ${JSON.stringify(options)}`);
  assert.ok(key.label.includes('111111111111'), 'labelled with its account');
  await app.pickFormOption('KmsKeyId', KEY_ARN);
  // The form wrote the AWS fields into the entity's JSON; the JSON tab shows them.
  await browser.page.waitForSelector('[data-testid="editor-no-diagnostics"]');
  await app.screenshot(path.join(SHOTS, 'form-editor.png'));
  const json = JSON.parse(await app.editorText());
  assert.equal(json.KmsKeyId, KEY_ARN);
  assert.equal(json.Name, 'payments/api');
  await app.editorMode('form');
  assert.equal(await app.saveEditor(), true, 'the editor closes: the secret was added');
  const nodes = await app.graphNodes();
  const secret = nodes.find((n) => n.id === arn);
  assert.ok(secret, `the secret is drawn: ${JSON.stringify(nodes.map((n) => n.id))}`);
  assert.equal(await browser.page.locator('b').count(), 0, 'user text is never rendered as HTML');
  await app.selectBySearch('payments/api');
  const relations = await browser.page.locator('.selection__relation').allTextContents();
  assert.ok(relations.some((r) => r.includes(KEY_ID) || r.includes('key')), JSON.stringify(relations));
});

test("removing the role's inline policy in its form changes the check's verdict", async () => {
  await app.runCheck(CHECK);
  assert.equal((await app.verdict()).decision, 'Allowed');
  await app.selectBySearch('role/app');
  await app.editSelected();
  assert.equal(await app.formField('RoleName').inputValue(), 'app');
  await app.removeFormRow('RolePolicyList 1');
  const json = JSON.parse(await app.editorText());
  assert.deepEqual(json.RolePolicyList, []);
  assert.equal(json.CreateDate, '2024-01-15T09:30:00Z', 'members the form does not show are kept');
  assert.equal(await app.saveEditor(), true);
  await app.runCheck(CHECK);
  assert.equal((await app.verdict()).decision, 'ImplicitlyDenied');
  await app.undo();
  await app.runCheck(CHECK);
  assert.equal((await app.verdict()).decision, 'Allowed', 'the form edit was one undoable edit');
});

test('an account is placed in the organization and given an SCP through its form', async () => {
  await app.addEntity('Organization');
  assert.equal(await app.saveEditor(), true, 'the organization was added');
  await app.addEntity('OrganizationPolicy');
  assert.equal(await app.formField('Id').inputValue(), 'p-new1');
  assert.equal(await app.saveEditor(), true, 'the SCP was added');
  await app.selectBySearch('111111111111');
  await app.editSelected();
  assert.equal(await app.formField('AccountId').inputValue(), '111111111111');
  const parents = await app.formOptions('ParentId');
  assert.ok(parents.some((o) => o.value === 'r-exampleroot'), JSON.stringify(parents));
  await app.pickFormOption('ParentId', 'r-exampleroot');
  await browser.page.getByRole('checkbox', { name: /p-new1/ }).check();
  await app.screenshot(path.join(SHOTS, 'form-account.png'));
  assert.equal(await app.saveEditor(), true, 'the account was saved');
  const model = await app.savedModel('"ParentId": "r-exampleroot"');
  assert.deepEqual(model.Organization.Accounts, [{ Id: '111111111111', ParentId: 'r-exampleroot' }]);
  assert.deepEqual(model.Organization.Policies[0].Targets, ['111111111111']);
  assert.ok(model.Accounts[0].Iam.RoleDetailList.length >= 1, 'the account keeps its IAM');
});
