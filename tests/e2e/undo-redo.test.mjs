// Journey: undo / redo round-trip. Deleting an entity removes it from the graph; Undo (the
// button) brings it back, Redo removes it again, Ctrl+Z undoes once more; the buttons are
// disabled when there is nothing to undo or redo.
// Run alone: node --test tests/e2e/undo-redo.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from './page.mjs';

let session;
let server;
let browser;
let app;

before(async () => {
  session = await openApp();
  ({ server, browser, app } = session);
  await app.waitForGraph();
});

after(async () => {
  await session?.close();
});

const hasOther = async () => (await app.graphNodes()).some((n) => n.title.includes('prod/other'));

test('nothing to undo or redo at first', async () => {
  assert.deepEqual(await app.historyState(), { undo: false, redo: false });
});

test('delete, undo, redo, Ctrl+Z', async () => {
  const before = await app.nodeCount();
  assert.ok(await hasOther());
  await app.selectBySearch('prod/other');
  await browser.page.getByTestId('selection-delete').click();
  await browser.page.waitForFunction((n) => document.querySelectorAll('[data-testid="graph-node"]').length < n, before);
  assert.equal(await hasOther(), false);
  assert.deepEqual(await app.historyState(), { undo: true, redo: false });

  await app.undo();
  await browser.page.waitForFunction((n) => document.querySelectorAll('[data-testid="graph-node"]').length === n, before);
  assert.ok(await hasOther());
  assert.deepEqual(await app.historyState(), { undo: false, redo: true });

  await app.redo();
  await browser.page.waitForFunction((n) => document.querySelectorAll('[data-testid="graph-node"]').length < n, before);
  assert.equal(await hasOther(), false);

  await browser.page.locator('body').click({ position: { x: 5, y: 5 } });
  await browser.page.keyboard.press('Control+z');
  await browser.page.waitForFunction((n) => document.querySelectorAll('[data-testid="graph-node"]').length === n, before);
  assert.ok(await hasOther());
  await browser.page.keyboard.press('Control+Shift+z');
  await browser.page.waitForFunction((n) => document.querySelectorAll('[data-testid="graph-node"]').length < n, before);
});
