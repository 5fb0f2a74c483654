// Journey: reload → work restored. An edit is autosaved in the browser; reloading shows the
// edited model with a "restored" notice; "Start over" goes back to the example and forgets it.
// Run alone: node --test tests/e2e/autosave-restore.test.mjs
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

test('a first visit shows the example, with no restored notice', async () => {
  assert.equal(await browser.page.getByTestId('restored-notice').count(), 0);
  assert.ok(await hasOther());
});

test('an edit survives a reload', async () => {
  await app.selectBySearch('prod/other');
  await browser.page.getByTestId('selection-delete').click();
  await browser.page.waitForFunction(() =>
    (localStorage.getItem('secretpath/model') ?? '').length > 0 &&
    !localStorage.getItem('secretpath/model').includes('prod/other-GhIjKl'));
  await browser.page.reload();
  await browser.page.waitForSelector('[data-testid="check-row"]');
  await app.waitForGraph();
  assert.equal(await hasOther(), false, 'the deletion is still there');
  await browser.page.waitForSelector('[data-testid="restored-notice"]');
});

test('"Start over" shows the example again and forgets the saved model', async () => {
  await browser.page.getByTestId('start-over').click();
  await browser.page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="graph-node"] title')].some((t) => t.textContent.includes('prod/other')));
  assert.equal(await browser.page.getByTestId('restored-notice').count(), 0);
  await browser.page.reload();
  await browser.page.waitForSelector('[data-testid="check-row"]');
  assert.equal(await browser.page.getByTestId('restored-notice').count(), 0);
  assert.ok(await hasOther());
});
