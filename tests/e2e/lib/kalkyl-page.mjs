// A page object for Kalkyl: what a user sees and does, by role and test id.

export class KalkylPage {
  /** @param {import('playwright-core').Page} page @param {string} baseUrl */
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  /** Opens the app and waits until the WebAssembly app has rendered. */
  async open(query = '') {
    await this.page.goto(this.baseUrl + query);
    await this.waitReady();
  }

  async reload() {
    await this.page.reload();
    await this.waitReady();
  }

  async waitReady() {
    await this.page.getByTestId('workspace').waitFor({ state: 'visible' });
  }

  /** Waits until the service worker controls the page, so a reload works offline. */
  async waitOfflineReady() {
    await this.page.locator('[data-testid="offline-status"][data-state="ready"]').waitFor();
    await this.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
      timeout: 15000,
    });
  }

  /**
   * Resets an edited cell to what was pasted, through the cell's own
   * control, and waits until the grid shows `pasted` there.
   */
  async resetCell(row, col, pasted) {
    await this.page.locator(`[data-testid="grid"] td[data-row="${row}"][data-col="${col}"]`).click();
    await this.page.getByTestId('reset-cell').click();
    await this.page.waitForFunction(
      ([row, col, pasted]) =>
        document.querySelector(`[data-testid="grid"] td[data-row="${row}"][data-col="${col}"]`)?.textContent.trim() ===
        pasted,
      [row, col, pasted],
    );
  }

  async setLanguage(tag) {
    await this.page.getByTestId(`lang-${tag}`).click();
  }

  documentLang() {
    return this.page.evaluate(() => document.documentElement.lang);
  }

  emptyStateText() {
    return this.page.getByTestId('empty-state').innerText();
  }

  crashPanel() {
    return this.page.locator('#kalkyl-crash');
  }

  /** The names of the caches the service worker made. */
  cacheNames() {
    return this.page.evaluate(() => caches.keys());
  }
}
