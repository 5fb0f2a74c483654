// Journey: load a scenario → run a check → see the blocker → click it → the deciding statement
// is highlighted in the Policy tab with the condition that decided marked inside it, and the
// blocking component is selected and marked on the graph. Saves the screenshots of the main
// views (graph with the path, verdict, policy, dark).
// Run alone: node --test tests/e2e/blocker-statement.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, REPO_ROOT, startStaticServer } from './harness.mjs';
import { SecretPathPage } from './page.mjs';

const SCENARIO = 'exam-4-private-subnet-interface-endpoint.json';
const SHOTS = path.join(REPO_ROOT, 'docs/screenshots');

let server;
let browser;
let app;
let model;
let check;

before(async () => {
  model = JSON.parse(await readFile(path.join(REPO_ROOT, 'public/examples', SCENARIO), 'utf8'));
  // The check whose only blocker is the secret's resource policy.
  check = model.Checks.find((c) => c.Name.startsWith('the same role\'s credentials used from the internet'));
  server = await startStaticServer();
  browser = await launchBrowser();
  await browser.page.setViewportSize({ width: 1280, height: 800 });
  app = new SecretPathPage(browser.page);
  await app.open(server.url);
  await mkdir(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('choosing a scenario draws its graph', async () => {
  await app.chooseScenario(SCENARIO);
  await app.waitForGraph();
  const nodes = await app.graphNodes();
  assert.ok(nodes.some((n) => n.kind === 'secret' && n.title.includes('prod/inventory/supplier-api')));
  assert.ok(nodes.some((n) => n.kind === 'vpc-endpoint'));
});

test('running a check shows its verdict and blocker, and marks the path on the graph', async () => {
  assert.ok(check, 'the scenario has the check this journey runs');
  await app.runCheck(check.Name);
  const verdict = await app.verdict();
  assert.equal(verdict.decision, 'ExplicitlyDenied');
  assert.deepEqual(
    verdict.blockers.map((b) => [b.layer, b.code, b.statement]),
    [['resource-policy', 'EXPLICIT_DENY', 'DenyUnlessThroughTheInventoryEndpoint']],
  );
  assert.ok(verdict.legs.includes('secretsmanager:GetSecretValue'), `legs: ${verdict.legs}`);

  const nodes = await app.graphNodes();
  const blocking = nodes.filter((n) => n.touch === 'blocking');
  assert.deepEqual(blocking.map((n) => n.id), [verdict.blockers[0].component]);
  assert.match(blocking[0].blockerMarker, /blocks/, 'the blocking node says so in text');
  assert.ok(nodes.some((n) => n.touch === 'on-path' && n.kind === 'role'), 'the caller role is on the path');
  await browser.page.screenshot({ path: path.join(SHOTS, 'verdict.png') });

  await app.setPathOnly(true);
  const pathNodes = await app.graphNodes();
  assert.ok(pathNodes.length < nodes.length, 'the path-only view leaves out what the verdict did not touch');
  assert.ok(pathNodes.every((n) => n.touch), 'every node of the path-only view was touched');
  await browser.page.screenshot({ path: path.join(SHOTS, 'graph-path.png') });
  await app.setPathOnly(false);
});

test('the path is numbered hop by hop, on the graph and in its list', async () => {
  // The check of the previous test is on display.
  const badges = await app.hopBadges();
  assert.ok(badges.length >= 3, `only ${badges.length} hops`);
  assert.deepEqual(badges.map((b) => b.hop), badges.map((_, i) => i + 1), 'hops run 1..n without gaps');
  assert.deepEqual(badges.map((b) => b.text), badges.map((b) => String(b.hop)), 'each badge shows its number as text');
  const nodes = await app.graphNodes();
  for (const node of nodes.filter((n) => n.touch === 'on-path')) {
    assert.ok(badges.some((b) => b.id === node.id), `on-path node ${node.id} has a hop badge`);
  }
  const links = await browser.page.locator('[data-testid="graph-hop-link"], .graph-edge--hop').count();
  assert.ok(links >= 1, 'consecutive hops are joined on the graph');
  const listed = (await app.nodeListItems()).filter((i) => i.hop !== null);
  const byHop = new Map(badges.map((b) => [b.hop, b.id]));
  for (const item of listed) {
    assert.match(item.text, new RegExp(`hop ${item.hop},`), 'the list says the hop number in words');
    assert.ok(item.text.includes(byHop.get(item.hop)), `list hop ${item.hop} names the same node as the badge`);
  }
});

test('clicking the blocker selects it and highlights the deciding statement of its policy', async () => {
  const [blocker] = (await app.verdict()).blockers;
  await app.clickBlocker(0);
  const statement = await app.decisiveStatement();
  assert.equal(statement.sid, blocker.statement);
  assert.equal(statement.current, 'true');
  assert.match(statement.text, /"Sid": "DenyUnlessThroughTheInventoryEndpoint"/);
  assert.ok(statement.visible, 'the statement is scrolled into view');
  assert.deepEqual(
    await app.decidingLines(),
    ['"aws:SourceVpce": "vpce-0c4d5e6f7a8b9c0e1"'],
    'inside the statement, the condition that decided is marked',
  );
  const explanations = await app.statementExplanations();
  assert.ok(
    explanations.some((e) => /aws:SourceVpce/.test(e)),
    `the condition that decided is explained: ${explanations.join(' | ')}`,
  );
  assert.equal(await app.selectedId(), blocker.component);
  const selected = (await app.graphNodes()).filter((n) => n.selected);
  assert.deepEqual(selected.map((n) => n.id), [blocker.component]);
  await browser.page.screenshot({ path: path.join(SHOTS, 'policy.png') });
});

test('the dark theme follows the system', async () => {
  await browser.page.emulateMedia({ colorScheme: 'dark' });
  await app.openTab('verdict');
  const background = await browser.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(background, 'rgb(247, 248, 250)', 'the light background is gone');
  await browser.page.screenshot({ path: path.join(SHOTS, 'dark.png') });
  await browser.page.emulateMedia({ colorScheme: 'light' });
});

test('nothing was logged as an error', async () => {
  assert.deepEqual(browser.consoleErrors, []);
});
