// Page object for the SecretPath web app: the one place that knows its selectors.

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
}
