// guichet's browser test harness: Playwright (playwright-core) drives the system's Chromium,
// never a browser of its own, and axe-core checks every page against WCAG 2.1 A and AA.
//
// How it runs
//   node tests/browser/pages.mjs http://127.0.0.1:PORT [FLOW...]
//   GUICHET_TEST_CHROMIUM  the Chromium binary (required), e.g. /usr/bin/chromium
//   GUICHET_BROWSER_BASE   the base URL when none is given on the command line
//   GUICHET_BROWSER_SHOTS  a folder for full-page screenshots, FLOW-NAME.png (optional)
//   GUICHET_BROWSER_DATA   JSON from the caller about the seeded desk (optional), as ctx.data
// `cargo test --test it browser` (tests/it/browser.rs) starts the app over a seeded desk and runs
// this with GUICHET_BROWSER_DATA set; `npm ci` first, once.
//
// Adding a page: one file tests/browser/flows/NAME.mjs exporting `async function run(ctx)`.
// pages.mjs runs every flow in that folder, each on its own, and reports them all:
//
//   export async function run(ctx) {
//     const { page } = await ctx.visit('/t/' + ctx.data.portal_token, { lang: 'fr' });
//     await ctx.expectLang(page, 'fr');
//     await ctx.expectH1(page);
//     await page.getByLabel('Message').fill('Merci');      // drive the page as a person would
//     await page.getByRole('button', { name: 'Envoyer' }).click();
//     await ctx.check(page, 'portal-fr-replied');         // axe, console, CSP, screenshot
//   }
//
// ctx.visit opens a fresh browser context (its own cookies) in the given language (`locale` and
// Accept-Language), goes to the path and checks the status (200 unless `status` says otherwise).
// ctx.check(page, name) fails the flow on any axe violation, console error, uncaught exception,
// failed request or Content-Security-Policy violation seen on that page so far, and takes the
// screenshot. Call it after each state worth checking (a form with its errors shown, say).
// Failures are thrown (node:assert or Error); the flow stops at its first one.

import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

/** The flags the browser needs as root on a machine with no network but loopback. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The axe rules run on every page: WCAG 2.0 and 2.1, levels A and AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** How long one action or navigation may take. */
export const ACTION_TIMEOUT_MS = 15_000;

/** The browser, from GUICHET_TEST_CHROMIUM; Playwright's own download is never used. */
export async function launch() {
  const executablePath = process.env.GUICHET_TEST_CHROMIUM;
  if (!executablePath) {
    throw new Error('GUICHET_TEST_CHROMIUM is not set: point it at a Chromium binary');
  }
  // Playwright gives the browser a fresh temporary profile of its own and removes it on close.
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
}

const LOCALES = { en: 'en-US', fr: 'fr-FR' };

/**
 * A new page in a browser context of its own, with collectors for console errors, uncaught
 * exceptions, failed requests and CSP violations. `lang` (`en`, `fr`) or `locale` (`fr-CA`)
 * sets both the browser's locale and the Accept-Language header.
 */
export async function newPage(
  browser,
  { lang = 'en', locale, acceptLanguage, viewport, javaScript = true, isMobile = false } = {},
) {
  const loc = locale ?? LOCALES[lang] ?? lang;
  const context = await browser.newContext({
    locale: loc,
    extraHTTPHeaders: { 'Accept-Language': acceptLanguage ?? `${loc},${loc.split('-')[0]};q=0.9` },
    viewport: viewport ?? { width: 1280, height: 800 },
    javaScriptEnabled: javaScript,
    isMobile,
    hasTouch: isMobile,
  });
  const problems = { console: [], errors: [], requests: [], csp: [] };
  // The page's CSP does not apply to a binding or an init script: the listener runs before any
  // of the page's own code and reports each violation straight back here.
  await context.exposeBinding('__guichetCspViolation', (_source, v) => problems.csp.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__guichetCspViolation({
        directive: e.violatedDirective,
        blocked: e.blockedURI,
        source: e.sourceFile ? `${e.sourceFile}:${e.lineNumber}` : '',
        sample: e.sample,
      });
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content[- ]Security[- ]Policy/i.test(text)) {
      problems.csp.push({ console: text });
    } else if (msg.type() === 'error') {
      problems.console.push({ text, url: msg.location()?.url ?? '' });
    }
  });
  page.on('pageerror', (err) => problems.errors.push(String(err?.stack ?? err)));
  page.on('requestfailed', (req) => {
    problems.requests.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText ?? 'failed'}`);
  });
  page.on('response', (res) => {
    const req = res.request();
    // The document's own status is the flow's to check; a failed asset or fetch is a problem.
    if (res.status() >= 400 && !req.isNavigationRequest() && !isFavicon(req.url())) {
      problems.requests.push(`${req.method()} ${req.url()}: ${res.status()}`);
    }
  });
  page.guichet = { problems, expectedStatus: new Map() };
  return { context, page };
}

function isFavicon(url) {
  try {
    return new URL(url).pathname === '/favicon.ico';
  } catch {
    return false;
  }
}

/**
 * Chromium logs "Failed to load resource: ... status of 404" for a document that is meant to be
 * a 404; a flow that asked for that status is not failed for it. Nor is a page failed for the
 * `/favicon.ico` that Chromium asks for by itself (the desk serves none). Everything else counts.
 */
function unexpectedConsole(page) {
  const expected = page.guichet.expectedStatus;
  return page.guichet.problems.console.filter(({ text, url }) => {
    const m = /Failed to load resource: the server responded with a status of (\d+)/.exec(text);
    return !(m && (expected.get(url) === Number(m[1]) || isFavicon(url)));
  });
}

/** Fails unless the page logged no console error or exception and no request failed. */
export function assertNoConsoleErrors(page) {
  const { errors, requests } = page.guichet.problems;
  const lines = [
    ...unexpectedConsole(page).map((c) => `console error: ${c.text}${c.url ? ` (${c.url})` : ''}`),
    ...errors.map((e) => `uncaught exception: ${e}`),
    ...requests.map((r) => `failed request: ${r}`),
  ];
  if (lines.length) {
    throw new Error(`${page.url()}: ${lines.length} browser error(s):\n  ${lines.join('\n  ')}`);
  }
}

/**
 * Fails on any Content-Security-Policy violation the page reported. Chromium tells each one
 * twice, as a `securitypolicyviolation` event and on the console; both are listed.
 */
export function assertNoCspViolations(page) {
  const csp = page.guichet.problems.csp;
  if (csp.length) {
    const lines = csp.map((v) =>
      v.console
        ? `console: ${v.console}`
        : `event: ${v.directive} blocked ${v.blocked || '(inline)'}${v.source ? ` at ${v.source}` : ''}${v.sample ? `: ${v.sample}` : ''}`,
    );
    throw new Error(`${page.url()}: Content-Security-Policy violations:\n  ${lines.join('\n  ')}`);
  }
}

const AXE_PATH = require.resolve('axe-core/axe.min.js');
let axeCache = null;
const axeSource = () => (axeCache ??= readFileSync(AXE_PATH, 'utf8'));

/**
 * Runs axe-core on the page with the WCAG 2.1 A/AA rules and fails on any violation, listing
 * each rule, its impact and the elements at fault.
 *
 * axe's source goes in through the DevTools protocol (`page.evaluate`), which the page's CSP
 * does not govern. `page.addScriptTag({ path })` would add it as an inline <script>, which the
 * desk's CSP (`script-src 'self'`) rightly refuses: axe would not load and the check itself
 * would raise the CSP violation this harness fails on.
 */
export async function checkA11y(page, { tags = AXE_TAGS, exclude } = {}) {
  if (!(await page.evaluate(() => typeof window.axe?.run === 'function'))) {
    await page.evaluate(`${axeSource()}\n//# sourceURL=axe.min.js`);
  }
  const result = await page.evaluate(
    async ({ tags, exclude }) => {
      const context = exclude ? { exclude } : document;
      const r = await window.axe.run(context, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
          target: n.target.join(' '),
          html: n.html,
          summary: n.failureSummary,
        })),
      }));
    },
    { tags, exclude },
  );
  if (result.length) {
    throw new Error(`${page.url()}: ${result.length} accessibility violation(s):\n${formatViolations(result)}`);
  }
}

export function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `      ${n.target}\n        ${n.html}\n        ${(n.summary ?? '').replace(/\n/g, '\n        ')}`)
        .join('\n');
      return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/** A full-page screenshot in GUICHET_BROWSER_SHOTS, if that is set. Returns the file or null. */
export async function screenshot(page, name) {
  const dir = process.env.GUICHET_BROWSER_SHOTS;
  if (!dir) return null;
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^A-Za-z0-9._-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The context a flow gets: the base URL, the caller's data, and the helpers above bound. */
export function flowContext({ browser, base, data, flow, log }) {
  const contexts = [];
  const ctx = {
    base,
    data,
    flow,
    browser,
    log,
    assert,
    url: (p) => new URL(p, base).href,
    /** A fresh context and page in `lang`, at `path`, with its status checked. */
    async visit(p, { status = 200, ...opts } = {}) {
      const { context, page } = await newPage(browser, opts);
      contexts.push(context);
      const target = ctx.url(p);
      page.guichet.expectedStatus.set(target, status);
      const response = await page.goto(target, { waitUntil: 'load' });
      assert.ok(response, `${target}: no response`);
      assert.equal(response.status(), status, `${target}: status ${response.status()}, expected ${status}`);
      return { page, response, context };
    },
    /** The status the next answer for `path` on this page is meant to have (a form sent back
     * with its errors is a 422), so Chromium's console line about it is not a failure. */
    expectStatus(page, p, status) {
      page.guichet.expectedStatus.set(ctx.url(p), status);
    },
    /** Only the screenshot `FLOW-name.png` (for a page axe cannot run in: JavaScript off). */
    async screenshot(page, name) {
      assertNoCspViolations(page);
      const file = await screenshot(page, `${flow}-${name}`);
      log(`  shot ${name}${file ? ` (${file})` : ''}`);
    },
    /** Axe, console errors, CSP violations, then the screenshot `FLOW-name.png`. */
    async check(page, name) {
      await checkA11y(page);
      assertNoConsoleErrors(page);
      assertNoCspViolations(page);
      const file = await screenshot(page, `${flow}-${name}`);
      log(`  ok ${name}${file ? ` (${file})` : ''}`);
    },
    async expectLang(page, lang) {
      const actual = await page.evaluate(() => document.documentElement.getAttribute('lang'));
      assert.equal(actual, lang, `${page.url()}: <html lang="${actual}">, expected "${lang}"`);
    },
    /** Exactly one visible, non-empty h1; returns its text. */
    async expectH1(page) {
      const h1 = page.locator('h1');
      assert.equal(await h1.count(), 1, `${page.url()}: expected one h1, found ${await h1.count()}`);
      const text = (await h1.innerText()).trim();
      assert.ok(text.length > 0, `${page.url()}: the h1 is empty`);
      assert.ok(await h1.isVisible(), `${page.url()}: the h1 is not visible`);
      return text;
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    },
  };
  return ctx;
}
