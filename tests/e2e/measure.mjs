// Measurements of the built app (not a test: `node tests/e2e/measure.mjs` after a release build).
// Prints: the gzipped size of the wasm and JS, the time from navigation to the first drawn graph
// (the app's `secretpath:graph-drawn` performance mark), and the time to re-run every check of
// the largest example ("Run all": the engine's time as the app measures it, and click → the next
// frame).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST_DIR, launchBrowser, startStaticServer } from './harness.mjs';
import { SecretPathPage } from './page.mjs';

const RUNS = 5;
const LARGEST = 'exam-1-rotating-rds-credentials-read-from-ec2.json';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

let wasm = 0;
let js = 0;
for (const file of await readdir(DIST_DIR)) {
  if (!file.endsWith('.wasm') && !file.endsWith('.js')) continue;
  const size = gzipSync(await readFile(path.join(DIST_DIR, file)), { level: 9 }).length;
  if (file.endsWith('.wasm')) wasm += size;
  else if (file.endsWith('.js')) js += size;
}
console.log(`gzipped: wasm ${(wasm / 1024).toFixed(1)} KB + JS ${(js / 1024).toFixed(1)} KB = ${((wasm + js) / 1024).toFixed(1)} KB`);

const server = await startStaticServer();
const firstGraph = [];
for (let i = 0; i < RUNS; i += 1) {
  const browser = await launchBrowser();
  const app = new SecretPathPage(browser.page);
  await app.open(server.url);
  await browser.page.waitForFunction(() => performance.getEntriesByName('secretpath:graph-drawn').length > 0);
  firstGraph.push(await browser.page.evaluate(() => performance.getEntriesByName('secretpath:graph-drawn')[0].startTime));
  await browser.close();
}
console.log(`load → first drawn graph: median ${median(firstGraph).toFixed(0)} ms (${firstGraph.map((t) => t.toFixed(0)).join(', ')})`);

const browser = await launchBrowser();
// The app's User Timing measures (src/ui/timing.rs): each evaluation of the checks is one
// `secretpath:checks` measure, so "Run all" is seen even when its summary text is unchanged.
await browser.page.addInitScript(() => {
  window.SECRETPATH_TIMINGS = true;
});
const app = new SecretPathPage(browser.page);
await app.open(server.url);
await app.chooseScenario(LARGEST);
const engine = [];
const page = [];
const checksMeasures = () =>
  browser.page.evaluate(() => performance.getEntriesByName('secretpath:checks').map((m) => m.duration));
for (let i = 0; i < 10; i += 1) {
  const before = (await checksMeasures()).length;
  const started = await browser.page.evaluate(() => performance.now());
  await browser.page.getByTestId('run-all').click();
  await browser.page.waitForFunction(
    (n) => performance.getEntriesByName('secretpath:checks').length > n,
    before,
  );
  const ended = await browser.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now()))));
  page.push(ended - started);
  engine.push((await checksMeasures()).at(-1));
}
const checks = (await app.checks()).length;
console.log(`re-run all ${checks} checks of ${LARGEST}: engine median ${median(engine).toFixed(1)} ms; click → next frame median ${median(page).toFixed(1)} ms`);
await browser.close();
await server.close();
