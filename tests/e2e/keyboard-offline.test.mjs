// Journey: keyboard only, then offline. Every control has an accessible name; Tab reaches the
// controls in order and each shows a visible focus ring; the side panel's tabs follow the ARIA tab
// pattern (arrows, Home, End); a check is run, its blocker opened and its policy read without a
// mouse; then, with the network cut, another scenario is chosen and evaluated — nothing the app
// does after load needs the network.
// Run alone: node --test tests/e2e/keyboard-offline.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from './page.mjs';

let session;
let server;
let browser;
let app;
let page;

/** What has the focus: { testid, role, name, ring } (ring: a visible outline or box shadow). */
async function focused() {
  return page.evaluate(() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return {
      testid: element.dataset?.testid ?? null,
      role: element.getAttribute('role'),
      tag: element.tagName.toLowerCase(),
      text: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 60),
      ring: outline || (style.boxShadow && style.boxShadow !== 'none'),
    };
  });
}

before(async () => {
  session = await openApp({ width: 1280, height: 800 });
  ({ server, browser, app, page } = session);
  await app.waitForGraph();
});

after(async () => {
  await session?.close();
});

test('every control has an accessible name', async () => {
  const unnamed = await page.evaluate(() => {
    const name = (element) => {
      const labelledBy = element.getAttribute('aria-labelledby');
      if (labelledBy) return labelledBy.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
      if (element.getAttribute('aria-label')) return element.getAttribute('aria-label').trim();
      if (element.labels?.length) return [...element.labels].map((l) => l.textContent).join(' ').trim();
      if (element.tagName === 'SELECT' || element.tagName === 'TEXTAREA' || element.tagName === 'INPUT') return (element.getAttribute('title') ?? '').trim();
      return (element.textContent ?? '').trim() || (element.getAttribute('title') ?? '').trim();
    };
    return [...document.querySelectorAll('button, input, select, textarea, summary, [role="tab"], a[href]')]
      .filter((element) => element.getClientRects().length > 0)
      .filter((element) => !name(element))
      .map((element) => element.outerHTML.slice(0, 120));
  });
  assert.deepEqual(unnamed, []);
});

test('Tab walks the top bar in order, each control with a visible focus ring', async () => {
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await page.keyboard.press('Tab');
  const seen = [];
  for (let i = 0; i < 12; i += 1) {
    const f = await focused();
    assert.ok(f.ring, `no visible focus on ${JSON.stringify(f)}`);
    seen.push(f.testid ?? f.text);
    await page.keyboard.press('Tab');
  }
  for (const id of ['scenario-picker', 'undo', 'add-entity', 'open-paste', 'share', 'export', 'search']) {
    if (id === 'undo' && !(await page.getByTestId('undo').isEnabled())) continue;
    assert.ok(seen.includes(id), `Tab reaches ${id}: ${seen.join(', ')}`);
  }
  const order = ['scenario-picker', 'open-paste', 'export', 'search'].map((id) => seen.indexOf(id));
  assert.deepEqual([...order].sort((a, b) => a - b), order, `in reading order: ${seen.join(', ')}`);
});

test('the side panel tabs follow the ARIA tab pattern', async () => {
  await page.getByTestId('tab-checks').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal((await focused()).testid, 'tab-query');
  assert.equal(await page.getByTestId('tab-query').getAttribute('aria-selected'), 'true');
  await page.keyboard.press('End');
  assert.equal((await focused()).testid, 'tab-policy');
  await page.keyboard.press('Home');
  assert.equal((await focused()).testid, 'tab-checks');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await focused()).testid, 'tab-policy', 'ArrowLeft wraps around');
  await page.keyboard.press('Home');
  const inOrder = await page.locator('[role="tab"]').evaluateAll((tabs) => tabs.map((t) => t.tabIndex));
  assert.deepEqual(inOrder.filter((i) => i === 0).length, 1, 'only the selected tab is in the tab order');
});

test('a check is run, its blocker opened and its policy read with the keyboard alone', async () => {
  const row = page.locator('[data-testid="check-row"]').filter({ hasText: 'prod/other' });
  await row.getByTestId('check-run').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="panel-verdict"]:not([hidden]) [data-testid="verdict"]');
  assert.equal((await app.verdict()).decision, 'ImplicitlyDenied');
  const blocker = page.getByTestId('verdict-blocker').first();
  await blocker.focus();
  assert.ok((await focused()).ring, 'the blocker shows its focus');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="panel-policy"]:not([hidden])');
  assert.equal(await page.getByTestId('tab-policy').getAttribute('aria-selected'), 'true');
});

test("the editor's Form and JSON tabs follow the ARIA tab pattern", async () => {
  await app.selectBySearch('arn:aws:iam::111111111111:role/app');
  await app.editSelected();
  await page.getByTestId('editor-mode-form').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal((await focused()).testid, 'editor-mode-json');
  assert.equal(await page.getByTestId('editor-mode-json').getAttribute('aria-selected'), 'true');
  assert.ok((await app.editorText()).includes('"RoleName": "app"'), 'the JSON mode shows the role');
  await page.keyboard.press('Home');
  assert.equal((await focused()).testid, 'editor-mode-form');
  assert.equal(await page.getByTestId('editor-mode-form').getAttribute('aria-selected'), 'true');
  await app.cancelEditor();
});

test('offline after load: another scenario is chosen and evaluated', async () => {
  const requestsBefore = browser.requests.length;
  await browser.context.setOffline(true);
  try {
    await app.chooseScenario('net-3-endpoint-sg-wrong-cidr.json');
    await app.waitForGraph();
    const rows = await app.checks();
    assert.equal(rows.length, 4);
    for (const row of rows) assert.equal(row.holds, true, row.name);
    await app.runCheck(rows[0].name);
    assert.equal((await app.verdict()).decision, 'Failed');
  } finally {
    await browser.context.setOffline(false);
  }
  assert.deepEqual(browser.requests.slice(requestsBefore), [], 'no request was even attempted');
});
