// Journey: find your way around the graph. Zoom (buttons, keys, wheel) and pan (keys, drag) move
// the drawing; search finds an entity by name or by ARN and selects it; clicking a node selects
// it; the kind and account filters hide what they name and bring it back; and at 1024 px wide
// the page has no horizontal scroll, with the graph and the side panel side by side (the
// screenshot docs/screenshots/app-1024.png is taken here).
// Run alone: node --test tests/e2e/graph-interaction.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './harness.mjs';
import { openApp } from './page.mjs';

const SHOTS = path.join(REPO_ROOT, 'docs/screenshots');
const SCENARIO = 'exam-3-cross-account-resource-and-key-policy.json';
const WORKLOAD = '222222222222';
const ROLE_ARN = 'arn:aws:iam::222222222222:role/analytics-etl';

let session;
let server;
let browser;
let app;
let page;

/** The drawing's pan and zoom, read from its transform: { x, y, scale }. */
async function viewport() {
  const transform = await page.locator('[data-testid="graph"] > g[transform]').first().getAttribute('transform');
  const m = /translate\(([-\d.]+)[ ,]+([-\d.]+)\)\s*scale\(([-\d.]+)\)/.exec(transform);
  assert.ok(m, `a translate/scale transform: ${transform}`);
  return { x: Number(m[1]), y: Number(m[2]), scale: Number(m[3]) };
}

before(async () => {
  session = await openApp({ width: 1280, height: 800 });
  ({ server, browser, app, page } = session);
  await app.chooseScenario(SCENARIO);
  await app.waitForGraph();
  await mkdir(SHOTS, { recursive: true });
});

after(async () => {
  await session?.close();
});

test('zoom buttons, keys and the wheel change the scale; keys and dragging pan', async () => {
  const start = await viewport();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  const zoomedIn = await viewport();
  assert.ok(zoomedIn.scale > start.scale, `zoom in: ${start.scale} → ${zoomedIn.scale}`);
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  assert.ok((await viewport()).scale < zoomedIn.scale, 'zoom out');

  const graph = page.getByTestId('graph');
  await graph.focus();
  let before = await viewport();
  await page.keyboard.press('+');
  assert.ok((await viewport()).scale > before.scale, 'the + key zooms in');
  before = await viewport();
  await page.keyboard.press('ArrowRight');
  const panned = await viewport();
  assert.notEqual(panned.x, before.x, 'an arrow key pans');
  assert.equal(panned.scale, before.scale, 'panning keeps the scale');

  const box = await graph.boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  before = await viewport();
  await page.mouse.move(cx, cy);
  await page.mouse.wheel(0, -300);
  await page.waitForFunction(
    (s) => !document.querySelector('[data-testid="graph"] > g[transform]').getAttribute('transform').includes(`scale(${s})`),
    before.scale.toFixed(4),
  );
  assert.ok((await viewport()).scale > before.scale, 'the wheel zooms in');

  // Drag from an empty spot of the canvas (the top-left corner holds no node).
  before = await viewport();
  await page.mouse.move(box.x + 6, box.y + 6);
  await page.mouse.down();
  await page.mouse.move(box.x + 66, box.y + 46, { steps: 5 });
  await page.mouse.up();
  const dragged = await viewport();
  assert.ok(Math.abs(dragged.x - before.x - 60) < 1 && Math.abs(dragged.y - before.y - 40) < 1, `dragged by (60, 40): ${JSON.stringify([before, dragged])}`);

  await page.getByTestId('graph-fit').click();
});

test('search finds an entity by ARN and by name, and selects it', async () => {
  await app.selectBySearch(ROLE_ARN);
  assert.equal(await app.selectedId(), ROLE_ARN);
  await page.getByTestId('search').fill('analytics-et');
  const results = await page.getByTestId('search-result').allTextContents();
  assert.ok(results.some((r) => r.includes('analytics-etl')), results.join(' | '));
  await page.getByTestId('search').fill('');
});

test('clicking a node selects it', async () => {
  const node = page.locator(`[data-testid="graph-node"][data-kind="secret"]`).first();
  const id = await node.getAttribute('data-id');
  await node.click();
  assert.equal(await app.selectedId(), id);
  const nodes = await app.graphNodes();
  assert.deepEqual(nodes.filter((n) => n.selected).map((n) => n.id), [id]);
});

test('the kind filter hides a kind and brings it back', async () => {
  const all = await app.graphNodes();
  const secrets = all.filter((n) => n.kind === 'secret');
  assert.ok(secrets.length > 0);
  await page.getByTestId('graph-filters').click();
  const secretFilter = page.locator('[data-testid="filter-kind"][data-kind="secret"]');
  await secretFilter.uncheck();
  const without = await app.graphNodes();
  assert.equal(without.filter((n) => n.kind === 'secret').length, 0, 'no secret is drawn');
  assert.equal(without.length, all.length - secrets.length, 'only the secrets are hidden');
  await secretFilter.check();
  assert.equal((await app.graphNodes()).length, all.length);
});

test('the account filter hides what belongs to an account', async () => {
  const all = await app.graphNodes();
  const workload = all.filter((n) => n.id.includes(`:${WORKLOAD}:`));
  assert.ok(workload.length > 0, 'the scenario has entities in the workload account');
  const accountFilter = page.locator(`[data-testid="filter-account"][data-account="${WORKLOAD}"]`);
  await accountFilter.uncheck();
  const without = await app.graphNodes();
  assert.equal(without.filter((n) => n.id.includes(`:${WORKLOAD}:`)).length, 0, 'nothing of the account is drawn');
  assert.ok(without.length > 0, 'the other account is still drawn');
  await accountFilter.check();
  assert.equal((await app.graphNodes()).length, all.length);
  await page.getByTestId('graph-filters').click();
});

test('at 1024 px wide nothing scrolls sideways and graph and panel sit side by side', async () => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await app.runCheck("account B's role reads A's secret by ARN");
  const layout = await page.evaluate(() => {
    const rect = (selector) => document.querySelector(selector)?.getBoundingClientRect().toJSON() ?? null;
    return {
      scrollWidth: document.documentElement.scrollWidth,
      graph: rect('[data-testid="graph"]'),
      legend: rect('.graph__legend'),
      panel: rect('[data-testid="panel-verdict"]'),
      topBarOverflow: [...document.querySelectorAll('.top-bar *')].some((e) => e.getBoundingClientRect().right > window.innerWidth + 1),
    };
  });
  assert.ok(layout.scrollWidth <= 1024, `page width ${layout.scrollWidth}`);
  assert.ok(!layout.topBarOverflow, 'every top-bar control is inside the window');
  assert.ok(layout.graph.width >= 400, `graph width ${layout.graph.width}`);
  assert.ok(layout.panel.width >= 300, `panel width ${layout.panel.width}`);
  assert.ok(layout.graph.right <= layout.panel.left + 1, 'the graph is left of the panel');
  assert.ok(layout.graph.bottom <= layout.legend.top + 1, `the drawing stays above its legend: ${JSON.stringify([layout.graph, layout.legend])}`);
  assert.ok(layout.graph.height >= 150, `graph height ${layout.graph.height}`);
  await page.screenshot({ path: path.join(SHOTS, 'app-1024.png') });
  await page.setViewportSize({ width: 1280, height: 800 });
});
