// Journey: edit a policy → the verdict flips. On the quickstart, the check "app reads prod/db" is
// allowed by the role's inline statement ReadProdDbSecret; the journey opens the role in the
// editor, sees live diagnostics (and the statement marked) for a mistyped Effect that cannot be
// saved, then turns the statement into a Deny: the check's decision becomes an explicit deny.
// Saves the editor-with-diagnostics screenshot.
// Run alone: node --test tests/e2e/edit-policy.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './harness.mjs';
import { openApp } from './page.mjs';

const SHOTS = path.join(REPO_ROOT, 'docs/screenshots');
const CHECK = 'app reads prod/db';
const STATEMENT = /("Sid": "ReadProdDbSecret",\s*"Effect": )"Allow"/;

let session;
let server;
let browser;
let app;

before(async () => {
  session = await openApp({ width: 1280, height: 800 });
  ({ server, browser, app } = session);
  await mkdir(SHOTS, { recursive: true });
});

after(async () => {
  await session?.close();
});

test('the check is allowed before the edit', async () => {
  await app.runCheck(CHECK);
  assert.equal((await app.verdict()).decision, 'Allowed');
});

test('a mistyped Effect shows a diagnostic, marks the statement and is not saved', async () => {
  await app.selectBySearch('role/app');
  await app.editSelected();
  const text = await app.editorText();
  assert.match(text, STATEMENT, 'the editor shows the role with its inline statement');
  assert.ok(!text.includes('SecretString'));
  await app.setEditorText(text.replace(STATEMENT, '$1"Alow"'));
  await browser.page.waitForSelector('[data-testid="editor-diagnostic"]');
  const diagnostics = await app.editorDiagnostics();
  assert.ok(diagnostics.length >= 1, 'a diagnostic is listed');
  assert.ok(diagnostics.some((d) => d.text.includes('Statement[0]')), JSON.stringify(diagnostics));
  const marked = await app.editorFaultLines();
  assert.ok(marked.some((l) => l.text.includes('Alow')), `marked lines: ${JSON.stringify(marked)}`);
  assert.ok(!marked.some((l) => l.text.includes('sts:AssumeRole')), 'the trust policy is not marked');
  await app.screenshot(path.join(SHOTS, 'editor-diagnostics.png'));
  assert.equal(await app.saveEditor(), false, 'the editor stays open');
  assert.ok((await app.editorErrors()).length >= 1, 'the load errors are listed');
  assert.equal((await app.historyState()).undo, false, 'nothing was applied');
});

test('turning the statement into a Deny flips the verdict', async () => {
  const text = await app.editorText();
  await app.setEditorText(text.replace(/("Sid": "ReadProdDbSecret",\s*"Effect": )"Alow"/, '$1"Deny"'));
  await browser.page.waitForSelector('[data-testid="editor-no-diagnostics"]');
  assert.equal(await app.saveEditor(), true, 'the editor closes');
  await app.openTab('verdict');
  await browser.page.waitForSelector('[data-testid="panel-verdict"] [data-testid="check-decision"][data-decision="ExplicitlyDenied"]');
  assert.equal((await app.verdict()).decision, 'ExplicitlyDenied');
  assert.equal((await app.historyState()).undo, true);
});
