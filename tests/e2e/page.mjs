// Page object for the SecretPath web app: the one place that knows its selectors.
import { launchBrowser, startStaticServer } from './harness.mjs';

const ROW = '[data-testid="check-row"]';
const LOAD_ERROR = '[data-testid="load-error"]';

export class SecretPathPage {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
  }

  /** Opens the app and waits until it shows either check results or a load error. */
  async open(url) {
    await this.page.goto(url);
    // Leptos renders asynchronously after the wasm starts: wait for its output.
    await this.page.waitForSelector(`${ROW}, ${LOAD_ERROR}`, { timeout: 20_000 });
  }

  /** The visible app title. */
  async title() {
    return (await this.page.getByTestId('app-title').textContent())?.trim();
  }

  /** The model's description as shown, or null. */
  async description() {
    const element = this.page.getByTestId('model-description');
    return (await element.count()) ? (await element.textContent()).trim() : null;
  }

  /** Every load error shown, one string each (empty when the model loaded). */
  async loadErrors() {
    return this.page.locator(LOAD_ERROR).evaluateAll((notices) =>
      notices.flatMap((notice) => {
        const items = [...notice.querySelectorAll('li')];
        return (items.length ? items : [notice]).map((element) => element.textContent.trim());
      }),
    );
  }

  /**
   * Every check row, read from the page:
   * { name, decision, decisionText, holds, holdsText, blockers: [{ layer, component, code, message }] }.
   */
  async checks() {
    return this.page.locator(ROW).evaluateAll((rows) =>
      rows.map((row) => {
        const text = (selector) => row.querySelector(selector)?.textContent.trim() ?? null;
        const decision = row.querySelector('[data-testid="check-decision"]');
        const holds = row.querySelector('[data-testid="check-holds"]');
        return {
          name: text('[data-testid="check-name"]'),
          decision: decision?.dataset.decision ?? null,
          decisionText: decision?.textContent.trim() ?? null,
          holds: holds ? holds.dataset.holds === 'true' : null,
          holdsText: holds?.textContent.trim() ?? null,
          blockers: [...row.querySelectorAll('[data-testid="blocker"]')].map((blocker) => ({
            layer: blocker.querySelector('.blocker__layer')?.textContent.trim(),
            component: blocker.querySelector('.blocker__component')?.textContent.trim(),
            code: blocker.querySelector('.blocker__code')?.textContent.trim(),
            message: blocker.querySelector('.blocker__message')?.textContent.trim(),
          })),
        };
      }),
    );
  }

  /** Saves a full-page screenshot. */
  async screenshot(file) {
    await this.page.screenshot({ path: file, fullPage: true });
  }

  // --- the graph ------------------------------------------------------------------------------

  /** Waits until the graph has drawn at least one node. */
  async waitForGraph() {
    await this.page.waitForSelector('[data-testid="graph-node"]', { timeout: 20_000 });
  }

  /**
   * Waits until the graph has caught up with the model: the app redraws the graph (and the
   * selection panel, pickers and search) in a `setTimeout(0)` after a change, so a timer set now
   * runs after it. The readers of what follows the graph call this first.
   */
  async graphCaughtUp() {
    await this.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  }

  /** Every node drawn: { id, kind, label, touch, selected }. */
  async graphNodes() {
    await this.graphCaughtUp();
    return this.page.locator('[data-testid="graph-node"]').evaluateAll((nodes) =>
      nodes.map((node) => ({
        id: node.dataset.id,
        kind: node.dataset.kind,
        label: node.querySelector('.graph-node__label')?.textContent ?? '',
        title: node.querySelector('title')?.textContent ?? '',
        touch: node.dataset.touch || null,
        selected: node.classList.contains('graph-node--selected'),
        blockerMarker: node.querySelector('[data-testid="graph-blocker-marker"]')?.textContent.trim() ?? null,
      })),
    );
  }

  /**
   * The hop badges of the verdict's path, in hop order: { id, hop, text } for every numbered
   * node or box (`id` is the node's or box's `data-id`).
   */
  async hopBadges() {
    await this.graphCaughtUp();
    const badges = await this.page.locator('[data-testid="graph-hop-badge"]').evaluateAll((els) =>
      els.map((el) => ({
        id: el.closest('[data-id]')?.dataset.id ?? null,
        hop: Number(el.dataset.hop),
        text: el.querySelector('.graph-hop__text')?.textContent.trim() ?? '',
      })),
    );
    return badges.sort((a, b) => a.hop - b.hop);
  }

  /** The graph's list alternative (opened first): { text, hop } per entity (hop null when not numbered). */
  async nodeListItems() {
    await this.graphCaughtUp();
    const list = this.page.locator('details.graph__list');
    if (!(await list.evaluate((d) => d.open))) {
      await this.page.getByTestId('node-list-toggle').click();
      await this.page.waitForSelector('[data-testid="node-list-item"]');
    }
    return this.page.locator('[data-testid="node-list-item"]').evaluateAll((els) =>
      els.map((el) => ({ text: el.textContent.trim(), hop: el.dataset.hop ? Number(el.dataset.hop) : null })),
    );
  }

  /** Turns the path-only view on or off and waits for the graph to follow. */
  async setPathOnly(on) {
    const toggle = this.page.getByTestId('path-only');
    if ((await toggle.isChecked()) !== on) await toggle.click();
    await this.page.waitForSelector(`[data-testid="graph"][data-path-only="${on}"]`);
  }

  /** The selected entity's id as the selection panel shows it, or null. */
  async selectedId() {
    await this.graphCaughtUp();
    const id = this.page.getByTestId('selection-id');
    return (await id.count()) ? (await id.textContent()).trim() : null;
  }

  // --- scenarios and files ----------------------------------------------------------------------

  /** Shows an example model by its file name and waits for its checks. */
  async chooseScenario(file) {
    await this.page.getByTestId('scenario-picker').selectOption(file);
    await this.page.waitForFunction(
      (f) => document.querySelector('[data-testid="scenario-picker"]')?.value === f,
      file,
    );
    // The Checks tab may be hidden (another tab open): its rows need only be there.
    await this.page.waitForSelector(`${ROW}, ${LOAD_ERROR}`, { state: 'attached' });
  }

  /** Opens a model file through "Open model file" (text, named `name`). */
  async openModelFile(name, text) {
    await this.page.getByTestId('open-model').setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(text, 'utf8'),
    });
  }

  /** The errors of the last file that could not be opened (empty when none are shown). */
  async openErrors() {
    return this.page
      .locator('[data-testid="open-error"] li')
      .evaluateAll((items) => items.map((item) => item.textContent.trim()));
  }

  // --- checks, verdict, policy --------------------------------------------------------------------

  /** Opens a side-panel tab (`checks`, `query`, `verdict`, `policy`). */
  async openTab(name) {
    await this.page.getByTestId(`tab-${name}`).click();
    await this.page.waitForSelector(`[data-testid="panel-${name}"]:not([hidden])`);
  }

  /** Runs the check named `name` (its "Run" button) and waits for its verdict. */
  async runCheck(name) {
    await this.openTab('checks');
    const row = this.page.locator(ROW).filter({
      has: this.page.locator('[data-testid="check-name"]', { hasText: name }),
    });
    await row.getByTestId('check-run').click();
    await this.page.waitForSelector('[data-testid="panel-verdict"]:not([hidden]) [data-testid="verdict"]');
  }

  /** The verdict on display: { decision, blockers: [{ layer, code, component, statement }], legs }. */
  async verdict() {
    return this.page.getByTestId('panel-verdict').evaluate((panel) => ({
      decision: panel.querySelector('[data-testid="check-decision"]')?.dataset.decision ?? null,
      blockers: [...panel.querySelectorAll('[data-testid="verdict-blocker"]')].map((b) => ({
        layer: b.dataset.layer,
        code: b.dataset.code,
        component: b.querySelector('.blocker-card__component')?.textContent.trim(),
        statement: b.querySelector('.blocker-card__statement code')?.textContent.trim() ?? null,
      })),
      legs: [...panel.querySelectorAll('[data-testid="step-leg"]')].map((l) => l.textContent.trim()),
    }));
  }

  /** Clicks the `index`th blocker of the verdict on display. */
  async clickBlocker(index = 0) {
    await this.page.getByTestId('verdict-blocker').nth(index).click();
  }

  /** The highlighted statement of the Policy tab: { sid, index, text, current, visible }. */
  async decisiveStatement() {
    const selector = '[data-testid="panel-policy"]:not([hidden]) .policy-statement--decisive';
    await this.page.waitForSelector(selector);
    return this.page.locator(selector).evaluate((element) => {
      const box = element.getBoundingClientRect();
      const panel = element.closest('[role="tabpanel"]').getBoundingClientRect();
      return {
        sid: element.dataset.sid,
        index: Number(element.dataset.index),
        text: element.textContent,
        current: element.getAttribute('aria-current'),
        visible: box.bottom > panel.top && box.top < panel.bottom,
      };
    });
  }

  /** The lines of the highlighted statement marked as what decided it, trimmed. */
  async decidingLines() {
    return this.page
      .locator('[data-testid="panel-policy"]:not([hidden]) .policy-statement--decisive [data-testid="deciding-line"]')
      .evaluateAll((lines) => lines.map((line) => line.textContent.trim()));
  }

  /** The explanations listed next to the highlighted statement. */
  async statementExplanations() {
    return this.page
      .locator('[data-testid="policy-evaluations"] [data-testid="element-check"]')
      .evaluateAll((items) => items.map((item) => item.textContent.trim()));
  }

  // --- editing: history, editor, paste, share ------------------------------------------------------

  /** Whether Undo / Redo are enabled: { undo, redo }. */
  async historyState() {
    return {
      undo: await this.page.getByTestId('undo').isEnabled(),
      redo: await this.page.getByTestId('redo').isEnabled(),
    };
  }

  async undo() {
    await this.page.getByTestId('undo').click();
  }

  async redo() {
    await this.page.getByTestId('redo').click();
  }

  /** Selects the first entity the search finds for `text`. */
  async selectBySearch(text) {
    await this.page.getByTestId('search').fill(text);
    await this.page.getByTestId('search').press('Enter');
    await this.page.waitForSelector('[data-testid="selection"]');
  }

  /** Opens the editor on the selected entity. */
  async editSelected() {
    await this.page.getByTestId('selection-edit').click();
    await this.page.waitForSelector('[data-testid="entity-editor"]');
  }

  /** Switches the editor to its 'form' or 'json' mode. */
  async editorMode(mode) {
    await this.page.getByTestId(`editor-mode-${mode}`).click();
    await this.page.waitForSelector(mode === 'form' ? '[data-testid="entity-form"]' : '[data-testid="editor-text"]');
  }

  /** Opens the editor on a new entity of `kind` (an EntityKind name, e.g. 'Secret') from Add. */
  async addEntity(kind) {
    await this.page.getByTestId('add-entity').selectOption(kind);
    await this.page.waitForSelector('[data-testid="entity-editor"]');
  }

  /** The form's first input or picker for the AWS field `name`. */
  formField(name) {
    return this.page.locator(`[data-testid="entity-editor"] :is(input, select, textarea)[data-field="${name}"]`).first();
  }

  /** Types `value` into the form's field `name`. */
  async fillFormField(name, value) {
    await this.formField(name).fill(value);
  }

  /** The options of the form's picker `name`: [{ value, label }]. */
  async formOptions(name) {
    return this.formField(name).evaluate((select) =>
      [...select.options].map((o) => ({ value: o.value, label: o.textContent.trim() })),
    );
  }

  /** Picks `value` in the form's picker `name`. */
  async pickFormOption(name, value) {
    await this.formField(name).selectOption(value);
  }

  /** Clicks the form's "Remove" button of the row labelled `row` (e.g. 'RolePolicyList 1'). */
  async removeFormRow(row) {
    await this.page.getByRole('button', { name: `Remove ${row}`, exact: true }).click();
  }

  /** The model as autosaved in the browser, once it includes `text`. */
  async savedModel(text) {
    await this.page.waitForFunction(
      (t) => (localStorage.getItem('secretpath/model') ?? '').includes(t),
      text,
    );
    return JSON.parse(await this.page.evaluate(() => localStorage.getItem('secretpath/model')));
  }

  /** The editor's text (switching to the JSON mode). */
  async editorText() {
    if (!(await this.page.getByTestId('editor-text').count())) await this.editorMode('json');
    return this.page.getByTestId('editor-text').inputValue();
  }

  /** Replaces the editor's text (as typed: the diagnostics follow). */
  async setEditorText(text) {
    if (!(await this.page.getByTestId('editor-text').count())) await this.editorMode('json');
    await this.page.getByTestId('editor-text').fill(text);
  }

  /** The diagnostics under the editor: [{ code, text }]. */
  async editorDiagnostics() {
    return this.page.locator('[data-testid="editor-diagnostic"]').evaluateAll((items) =>
      items.map((item) => ({ code: item.dataset.code, text: item.textContent.trim() })),
    );
  }

  /** The mirror's lines marked as at fault: [{ line, fault }]. */
  async editorFaultLines() {
    return this.page.locator('[data-testid="editor-mirror"] [data-fault]').evaluateAll((lines) =>
      lines.map((line) => ({ fault: line.dataset.fault, text: line.textContent })),
    );
  }

  /** The errors that keep the edit from being saved (empty when it can be). */
  async editorErrors() {
    return this.page
      .locator('[data-testid="editor-errors"] li')
      .evaluateAll((items) => items.map((item) => item.textContent.trim()));
  }

  /** Clicks Save (or Add); resolves to whether the editor closed. */
  async saveEditor() {
    await this.page.getByTestId('editor-save').click();
    return (await this.page.getByTestId('entity-editor').count()) === 0;
  }

  async cancelEditor() {
    await this.page.getByTestId('editor-cancel').click();
  }

  /** Opens the paste dialog and pastes `text`. */
  async paste(text) {
    await this.page.getByTestId('open-paste').click();
    await this.page.waitForSelector('[data-testid="paste-dialog"]');
    await this.page.getByTestId('paste-text').fill(text);
  }

  /** What the paste dialog recognised ("This is the output of …"), or null. */
  async pasteCommand() {
    const element = this.page.getByTestId('paste-command');
    return (await element.count()) ? (await element.textContent()).trim() : null;
  }

  /** Clicks Import in the paste dialog. */
  async importPaste() {
    await this.page.getByTestId('paste-import').click();
  }

  /** Clicks "Share link" and resolves to the link shown. */
  async shareLink() {
    await this.page.getByTestId('share').click();
    const field = this.page.getByTestId('share-link');
    await field.waitFor();
    return field.inputValue();
  }

  /** How many entities the graph draws. */
  async nodeCount() {
    await this.graphCaughtUp();
    return this.page.locator('[data-testid="graph-node"]').count();
  }

  // --- the Query tab -------------------------------------------------------------------------------

  /**
   * Chooses, in the `<select>` with test id `testid`, the option whose value is `text`, or else
   * the first whose value or label contains it. Throws when none does (the picker is filled from
   * the model, so a missing option is a finding).
   */
  async pick(testid, text) {
    const select = this.page.getByTestId(testid);
    const value = await select.evaluate((element, wanted) => {
      const options = [...element.options];
      const exact = options.find((o) => o.value === wanted);
      const partial = options.find((o) => o.value && (o.value.includes(wanted) || o.textContent.includes(wanted)));
      return (exact ?? partial)?.value ?? null;
    }, text);
    if (value === null) throw new Error(`no option of ${testid} matches ${text}`);
    await select.selectOption(value);
    return value;
  }

  /** The values of a picker's options (the first, "none", left out). */
  async pickerValues(testid) {
    await this.graphCaughtUp();
    return this.page
      .getByTestId(testid)
      .evaluate((element) => [...element.options].map((o) => o.value).filter((v) => v !== ''));
  }

  /**
   * Fills the Query tab and clicks Evaluate. `q` is { kind, caller, origin, secret, parameter,
   * withDecryption, action, resource, stage }; `origin` is `instance:ID`, `function:ARN`,
   * `subnet:ID` or `internet`. Resolves to the verdict on display, or { error } when the query
   * was refused.
   */
  async ask(q) {
    await this.openTab('query');
    await this.page.getByTestId('query-kind').selectOption(q.kind);
    await this.page.getByTestId('query-caller-arn').fill(q.caller ?? '');
    if (q.kind !== 'RotateSecret') {
      const origin = q.origin ?? 'internet';
      if (origin === 'internet') await this.page.getByTestId('query-origin').selectOption('internet');
      else await this.pick('query-origin', origin);
    }
    if (q.secret) await this.pick('query-secret', q.secret);
    if (q.parameter) await this.pick('query-parameter', q.parameter);
    if (q.withDecryption !== undefined) await this.page.getByTestId('query-with-decryption').setChecked(q.withDecryption);
    if (q.action !== undefined) await this.page.getByTestId('query-action').fill(q.action);
    if (q.resource) await this.page.getByTestId('query-target').fill(q.resource);
    if (q.kind === 'GetSecretValue') {
      const stage = this.page.getByTestId('query-stage');
      if (q.stage) await stage.selectOption(q.stage);
      else await stage.selectOption('');
    }
    await this.page.getByTestId('query-evaluate').click();
    await this.page.waitForSelector(
      '[data-testid="panel-verdict"]:not([hidden]) [data-testid="verdict"], [data-testid="query-error"]',
    );
    const error = this.page.getByTestId('query-error');
    if (await error.count()) return { error: (await error.textContent()).trim() };
    return this.verdict();
  }

  /** The query JSON the Query tab previews. */
  async queryPreview() {
    await this.openTab('query');
    return JSON.parse(await this.page.getByTestId('query-json').textContent());
  }
}

/**
 * What every journey starts with: the built site served, a fresh Chromium (at `viewport`, or the
 * harness's 1100 × 800) and the app opened. Resolves to { server, browser, page, app, close }.
 */
export async function openApp(viewport = null) {
  const server = await startStaticServer();
  const browser = await launchBrowser();
  if (viewport) await browser.page.setViewportSize(viewport);
  const app = new SecretPathPage(browser.page);
  await app.open(server.url);
  return {
    server,
    browser,
    page: browser.page,
    app,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
