// The end-to-end harness: Debian's Chromium driven by playwright-core, the
// built dist/ served on loopback, and a recorder of every request, console
// message and CSP violation of a test. Later tests import from here.
import { chromium } from 'playwright-core';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../../../tools/static-server.mjs';

export const DIST = resolve(process.env.KALKYL_DIST ?? 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launches headless Chromium. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

/**
 * A browser with a real on-disk profile (not incognito), for what Chromium
 * only allows there, such as installing the app. Returns { context, close }.
 */
export async function launchPersistent() {
  const dir = await mkdtemp(join(tmpdir(), 'kalkyl-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: FLAGS,
    headless: true,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Copies dist/ into a temporary folder, so a test can change "the deployed
 * app" (for example to simulate a new deploy) without touching dist/.
 */
export async function copyOfDist() {
  const dir = await mkdtemp(join(tmpdir(), 'kalkyl-dist-'));
  await cp(DIST, dir, { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Everything a test needs: a server for `root` (dist/ by default), a browser,
 * a fresh context (a new, empty profile) and a page, with a recorder.
 * Call `close()` in `after`.
 */
export async function openSession({ root = DIST, browser } = {}) {
  const server = await startServer(root);
  const ownBrowser = !browser;
  browser ??= await launchBrowser();
  const context = await browser.newContext({ acceptDownloads: true, locale: 'sv-SE' });
  const recorder = record(context);
  const page = await context.newPage();
  return {
    server,
    browser,
    context,
    page,
    recorder,
    async newPage() {
      return context.newPage();
    },
    async close() {
      await context.close();
      if (ownBrowser) await browser.close();
      await server.close();
    },
  };
}

/**
 * Records every request (pages and service workers), console message, page
 * error and CSP violation in a context.
 */
export function record(context) {
  const log = { requests: [], console: [], errors: [], cspViolations: [] };
  context.on('request', (r) => log.requests.push(r.url()));
  const watchPage = (page) => {
    page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
    page.on('pageerror', (e) => log.errors.push(String(e)));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  // Init scripts run outside the page's CSP, so they can watch it.
  context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  return {
    log,
    /** Requests to any origin other than `origin` (data: and blob: are local). */
    foreignRequests(origin) {
      return log.requests.filter((u) => {
        if (u.startsWith('data:') || u.startsWith('blob:')) return false;
        return new URL(u).origin !== new URL(origin).origin;
      });
    },
    cspViolations() {
      return log.console.filter(
        (m) => /CSP violation|Content Security Policy|Refused to (load|execute|apply|connect|compile)/i.test(m.text),
      );
    },
    consoleErrors() {
      return log.console.filter((m) => m.type === 'error');
    },
  };
}

/**
 * Dispatches a real `paste` ClipboardEvent whose DataTransfer carries
 * `text/plain` and, if given, `text/html`, at the focused element (or body).
 */
export async function paste(page, { plain, html } = {}) {
  await page.evaluate(
    ({ plain, html }) => {
      const data = new DataTransfer();
      if (plain !== undefined) data.setData('text/plain', plain);
      if (html !== undefined) data.setData('text/html', html);
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      (document.activeElement ?? document.body).dispatchEvent(event);
    },
    { plain, html },
  );
}

/** Runs `action` and returns the download it causes: { name, bytes }. */
export async function captureDownload(page, action) {
  const [download] = await Promise.all([page.waitForEvent('download'), action()]);
  const stream = await download.createReadStream();
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

/** The clipboard's flavours (`text/html`, `text/plain`, …) as text. */
export async function readClipboard(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const item of await navigator.clipboard.read()) {
      for (const type of item.types) out[type] = await (await item.getType(type)).text();
    }
    return out;
  });
}
