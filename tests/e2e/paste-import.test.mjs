// Journey: paste `aws ec2 describe-vpc-endpoints` output → the app names the command, asks for
// the account and region (pre-filled from the output) → the endpoint appears on the graph. Bad
// input shows its error and changes nothing. Saves the paste-dialog screenshot.
// Run alone: node --test tests/e2e/paste-import.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, REPO_ROOT, startStaticServer } from './harness.mjs';
import { SecretPathPage } from './page.mjs';

const SHOTS = path.join(REPO_ROOT, 'docs/screenshots');

let server;
let browser;
let app;
let output;

before(async () => {
  const fixture = JSON.parse(
    await readFile(path.join(REPO_ROOT, 'tests/scenarios/import/describe_vpc_endpoints.json'), 'utf8'),
  );
  output = JSON.stringify(fixture.Output, null, 2);
  server = await startStaticServer();
  browser = await launchBrowser();
  await browser.page.setViewportSize({ width: 1280, height: 800 });
  app = new SecretPathPage(browser.page);
  await app.open(server.url);
  await app.waitForGraph();
  await mkdir(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('bad input shows its error and changes nothing', async () => {
  await app.paste('{"VpcEndpoints": [42]}');
  await browser.page.waitForSelector('[data-testid="paste-error"]');
  const error = await browser.page.getByTestId('paste-error').textContent();
  assert.match(error, /VpcEndpoints\[0\]/, error);
  assert.equal(await browser.page.getByTestId('paste-import').isEnabled(), false);
  await browser.page.getByTestId('paste-cancel').click();
  assert.equal((await app.historyState()).undo, false);
});

test('the endpoint appears on the graph', async () => {
  assert.equal((await app.graphNodes()).some((n) => n.kind === 'vpc-endpoint'), false);
  await app.paste(output);
  await browser.page.waitForSelector('[data-testid="paste-command"]');
  assert.match(await app.pasteCommand(), /aws ec2 describe-vpc-endpoints/);
  assert.equal(await browser.page.getByTestId('paste-account').inputValue(), '111122223333');
  assert.equal(await browser.page.getByTestId('paste-region').inputValue(), 'us-east-1');
  await app.screenshot(path.join(SHOTS, 'paste-dialog.png'));
  await app.importPaste();
  await browser.page.waitForSelector('[data-testid="paste-dialog"]', { state: 'detached' });
  await browser.page.waitForSelector('[data-testid="graph-node"][data-kind="vpc-endpoint"]');
  const endpoint = (await app.graphNodes()).find((n) => n.kind === 'vpc-endpoint');
  assert.ok(endpoint.title.includes('vpce-0sm00000000000001') || endpoint.id.includes('vpce-0sm00000000000001'), JSON.stringify(endpoint));
  assert.equal((await app.historyState()).undo, true, 'the import can be undone');
});
