// Measurement (not a test: `node tests/e2e/measure-edit.mjs` after a release build): edit-to-verdict
// latency on the generated ~300-entity model (tests/e2e/generate-model.mjs).
//
// Opens the model through "Open model file", shows the verdict of the check FLIP.check, then
// EDITS times opens the role FLIP.role in the entity editor and flips its statement FLIP.sid
// between Allow and Deny (the check flips between Allowed and ExplicitlyDenied). Each edit is
// timed inside the page, without Playwright round-trips: a capture-phase click listener stamps
// `performance.now()` when Save is clicked, a MutationObserver stamps it when the flipped decision
// is in the DOM (the check's row in the Checks list and the verdict on display), and a
// requestAnimationFrame after that stamps the next frame. Also prints the engine's own time to
// evaluate every check ("evaluated in N ms" of the Checks tab) after each edit and on "Run all",
// and where the time of an edit goes: the app's User Timing measures (`src/ui/timing.rs`, on
// because this page sets `window.SECRETPATH_TIMINGS`) for loading the model, the graph index,
// the layout, the checks, the path view and the (deferred) autosave; the rest of Save → DOM is
// rendering (Leptos updating the DOM) and the browser. The graph follows the verdict one task
// later: the same observer also stamps when the graph shows the edit (the edited role's mark on
// the graph flips to or from `blocking`, and the selection panel shows the new Effect), so the
// time to the whole page being up to date is printed too.
import { launchBrowser, startStaticServer } from './harness.mjs';
import { FLIP, generateModel } from './generate-model.mjs';
import { SecretPathPage } from './page.mjs';

const EDITS = Number(process.env.EDITS ?? 11);
const RUN_ALL = 10;
const DECISION = { Allow: 'Allowed', Deny: 'ExplicitlyDenied' };

const sorted = (values) => [...values].sort((a, b) => a - b);
const median = (values) => {
  const s = sorted(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const stats = (values, digits = 1) =>
  `median ${median(values).toFixed(digits)} ms, range ${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)} ms (n=${values.length})`;

const model = generateModel();
const text = JSON.stringify(model, null, 2);

const server = await startStaticServer();
const browser = await launchBrowser();
const { page } = browser;
await page.setViewportSize({ width: 1280, height: 800 });
await page.addInitScript(() => {
  window.SECRETPATH_TIMINGS = true;
});
const app = new SecretPathPage(page);
await app.open(server.url);
await app.openModelFile('generated-300.json', text);
await page.waitForFunction(
  (n) => document.querySelectorAll('[data-testid="check-row"]').length === n,
  model.Checks.length,
  { timeout: 20_000 },
);
const loadErrors = await app.loadErrors();
if (loadErrors.length) throw new Error(`the generated model did not load: ${loadErrors.join('; ')}`);
await app.waitForGraph();
const nodes = await app.nodeCount();
const checks = await app.checks();
const failing = checks.filter((c) => !c.holds).map((c) => c.name);
if (failing.length) throw new Error(`checks that do not hold before any edit: ${failing.join('; ')}`);
console.log(`model: ${(text.length / 1024).toFixed(0)} KB, ${nodes} entities drawn on the graph, ${checks.length} checks`);

// The verdict on display is the check the edit flips (as after "Run ▸").
await app.runCheck(FLIP.check);
if ((await app.verdict()).decision !== 'Allowed') throw new Error('the flipped check is not Allowed before the edit');

const saveToDom = [];
const saveToFrame = [];
const saveToGraph = [];
const saveToGraphFrame = [];
const saveToVerdict = [];
const roundTrip = [];
const engineAfterEdit = [];
const parts = new Map(); // measure name → durations (ms), one per edit (0 when it did not run)
const partsBeforeVerdict = new Map(); // the same, counting only what started before the verdict was in the DOM
const engineBeforeVerdict = []; // per edit: the engine's measures that started before the verdict was in the DOM
const PARTS = ['load', 'graph-index', 'layout', 'checks', 'path-view', 'autosave'];
let effect = 'Allow';
for (let i = 0; i < EDITS; i += 1) {
  const next = effect === 'Allow' ? 'Deny' : 'Allow';
  await app.selectBySearch(FLIP.role);
  if ((await app.selectedId()) !== FLIP.role) throw new Error(`search selected ${await app.selectedId()}, not ${FLIP.role}`);
  await app.editSelected();
  const before = await app.editorText();
  const pattern = new RegExp(`("Sid": "${FLIP.sid}",\\s*"Effect": )"${effect}"`);
  if (!pattern.test(before)) throw new Error(`the editor does not show ${FLIP.sid} with Effect ${effect}`);
  await app.setEditorText(before.replace(pattern, `$1"${next}"`));
  await page.waitForSelector('[data-testid="editor-no-diagnostics"]');

  // Arm the in-page clocks, then click Save.
  await page.evaluate(
    ({ name, decision, role, effect }) => {
      const state = { clicked: null, row: null, verdict: null, graph: null };
      const graphShown = () => {
        const node = document.querySelector(`[data-testid="graph-node"][data-id="${CSS.escape(role)}"]`) ?? undefined;
        const blocking = node?.dataset.touch === 'blocking';
        const json = document.querySelector('[data-testid="selection-json"]')?.textContent ?? '';
        return node !== undefined && blocking === (effect === 'Deny') && json.includes(`"Effect": "${effect}"`);
      };
      const rowDecision = () =>
        [...document.querySelectorAll('[data-testid="check-row"]')]
          .find((row) => row.querySelector('[data-testid="check-name"]')?.textContent.trim() === name)
          ?.querySelector('[data-testid="check-decision"]')?.dataset.decision;
      const verdictDecision = () =>
        document.querySelector('[data-testid="panel-verdict"] [data-testid="check-decision"]')?.dataset.decision;
      window.__edit = new Promise((resolve) => {
        const onClick = (event) => {
          if (event.target.closest?.('[data-testid="editor-save"]')) state.clicked = performance.now();
        };
        document.addEventListener('click', onClick, { capture: true });
        const done = () => {
          if (state.frame === undefined || state.graphFrame === undefined) return;
          document.removeEventListener('click', onClick, { capture: true });
          resolve(state);
        };
        const observer = new MutationObserver(() => {
          if (state.clicked === null) return;
          const now = performance.now();
          const hadVerdict = state.row !== null && state.verdict !== null;
          if (state.row === null && rowDecision() === decision) state.row = now;
          if (state.verdict === null && verdictDecision() === decision) state.verdict = now;
          if (!hadVerdict && state.row !== null && state.verdict !== null) {
            requestAnimationFrame(() => {
              state.frame = performance.now();
              done();
            });
          }
          if (state.graph === null && graphShown()) {
            state.graph = now;
            requestAnimationFrame(() => {
              state.graphFrame = performance.now();
              done();
            });
          }
          if (state.row !== null && state.verdict !== null && state.graph !== null) observer.disconnect();
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      });
    },
    { name: FLIP.check, decision: DECISION[next], role: FLIP.role, effect: next },
  );
  await page.evaluate(() => performance.clearMeasures());
  const started = Date.now();
  await page.getByTestId('editor-save').click();
  const t = await page.evaluate(() => window.__edit);
  // The autosave runs after a delay: wait for it before reading the measures.
  await page.waitForTimeout(400);
  const measures = await page.evaluate(() =>
    performance.getEntriesByType('measure').map((m) => [m.name, m.startTime, m.duration]));
  for (const name of PARTS) {
    const inEdit = measures.filter(([n]) => n === `secretpath:${name}`);
    const total = inEdit.reduce((sum, [, , d]) => sum + d, 0);
    if (!parts.has(name)) parts.set(name, []);
    parts.get(name).push(total);
    const before = inEdit.filter(([, start]) => start < t.verdict).reduce((sum, [, , d]) => sum + d, 0);
    if (!partsBeforeVerdict.has(name)) partsBeforeVerdict.set(name, []);
    partsBeforeVerdict.get(name).push(before);
  }
  engineBeforeVerdict.push(
    measures
      .filter(([n, start]) => n.startsWith('secretpath:') && n !== 'secretpath:autosave' && start < t.verdict)
      .reduce((sum, [, , d]) => sum + d, 0),
  );
  roundTrip.push(Date.now() - started);
  if ((await page.getByTestId('entity-editor').count()) !== 0) throw new Error('the editor did not close');
  saveToDom.push(t.row - t.clicked);
  saveToVerdict.push(t.verdict - t.clicked);
  saveToFrame.push(t.frame - t.clicked);
  saveToGraph.push(t.graph - t.clicked);
  saveToGraphFrame.push(t.graphFrame - t.clicked);
  const summary = await page.getByTestId('checks-summary').textContent();
  engineAfterEdit.push(Number(/in ([\d.]+) ms/.exec(summary)[1]));
  effect = next;
}

// "Run all" on the same model: the engine's time alone.
await app.openTab('checks');
const engineRunAll = [];
for (let i = 0; i < RUN_ALL; i += 1) {
  // The summary may read the same after a re-run: wait for the write itself (or 2 s).
  await page.evaluate(() => {
    const summary = document.querySelector('[data-testid="checks-summary"]');
    window.__rerun = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        observer.disconnect();
        resolve(true);
      });
      observer.observe(summary, { subtree: true, childList: true, characterData: true });
      setTimeout(() => resolve(false), 2_000);
    });
  });
  await page.getByTestId('run-all').click();
  await page.evaluate(() => window.__rerun);
  const summary = await page.getByTestId('checks-summary').textContent();
  engineRunAll.push(Number(/in ([\d.]+) ms/.exec(summary)[1]));
}

console.log(`edit → verdict (${EDITS} edits of ${FLIP.roleName}'s ${FLIP.sid}, flipping "${FLIP.check}"):`);
console.log(`  Save click → flipped decision in the check list (DOM): ${stats(saveToDom)}`);
console.log(`  Save click → flipped verdict on display (DOM):        ${stats(saveToVerdict)}`);
console.log(`  Save click → next animation frame:                     ${stats(saveToFrame)}`);
console.log(`  Save click → the graph and the selection show the edit:  ${stats(saveToGraph)}`);
console.log(`  Save click → next animation frame after that:         ${stats(saveToGraphFrame)}`);
console.log(`  (Playwright click → result, with round-trips:          ${stats(roundTrip, 0)})`);
console.log(`engine, evaluate all ${checks.length} checks: after each edit ${stats(engineAfterEdit)}; "Run all" ${stats(engineRunAll)}`);
console.log('where an edit\'s time goes (User Timing measures; 0 when the step did not run):');
let engineTotal = [];
for (const name of PARTS) {
  const values = parts.get(name) ?? [];
  if (name !== 'autosave') engineTotal = values.map((v, i) => (engineTotal[i] ?? 0) + v);
  const before = partsBeforeVerdict.get(name) ?? [];
  const when =
    name === 'autosave'
      ? ' (after the frame)'
      : median(before) === 0
        ? ' (after the verdict is in the DOM)'
        : median(before) < median(values)
          ? ` (before the verdict: ${stats(before, 2)})`
          : ' (before the verdict is in the DOM)';
  console.log(`  ${name.padEnd(12)} ${stats(values, 2)}${when}`);
}
console.log(`  engine, sum  ${stats(engineTotal, 2)}`);
console.log(`  engine before the verdict is in the DOM ${stats(engineBeforeVerdict, 2)}`);
const rest = saveToVerdict.map((v, i) => v - (engineBeforeVerdict[i] ?? 0));
console.log(`  the rest of Save → verdict (rendering, browser) ${stats(rest)}`);
console.log(`raw Save → DOM: ${saveToDom.map((v) => v.toFixed(1)).join(', ')}`);

await browser.close();
await server.close();
