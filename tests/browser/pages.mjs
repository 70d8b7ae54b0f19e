// Runs every flow in tests/browser/flows/ against a running guichet and reports them all; exits
// 0 only if each one passed. Usage and the way to add a flow: the comment at the top of lib.mjs.
//   node tests/browser/pages.mjs [BASE_URL] [FLOW...]
// BASE_URL defaults to GUICHET_BROWSER_BASE; FLOW names (file names without .mjs) pick flows.

import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { flowContext, launch } from './lib.mjs';

/** The whole run may take this long; then it fails rather than hang CI. */
const RUN_TIMEOUT_MS = Number(process.env.GUICHET_BROWSER_TIMEOUT_MS ?? 300_000);

const log = (line) => process.stdout.write(`${line}\n`);

async function main() {
  const [argBase, ...only] = process.argv.slice(2);
  const base = argBase ?? process.env.GUICHET_BROWSER_BASE;
  if (!base || !/^https?:\/\//.test(base)) {
    throw new Error('usage: node tests/browser/pages.mjs BASE_URL [FLOW...] (or set GUICHET_BROWSER_BASE)');
  }
  let data = {};
  if (process.env.GUICHET_BROWSER_DATA) {
    data = JSON.parse(process.env.GUICHET_BROWSER_DATA);
  }

  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'flows');
  const names = (await readdir(dir))
    .filter((f) => f.endsWith('.mjs'))
    .map((f) => f.slice(0, -'.mjs'.length))
    .sort();
  const unknown = only.filter((n) => !names.includes(n));
  if (unknown.length) throw new Error(`no such flow: ${unknown.join(', ')} (flows: ${names.join(', ')})`);
  const chosen = only.length ? names.filter((n) => only.includes(n)) : names;
  if (!chosen.length) throw new Error(`no flow in ${dir}`);

  const browser = await launch();
  log(`browser: ${browser.version()} against ${base}`);
  const failures = [];
  try {
    for (const name of chosen) {
      const mod = await import(pathToFileURL(path.join(dir, `${name}.mjs`)).href);
      if (typeof mod.run !== 'function') {
        failures.push({ name, error: new Error('exports no `async function run(ctx)`') });
        log(`FAIL ${name}: exports no run(ctx)`);
        continue;
      }
      log(`flow ${name}`);
      const ctx = flowContext({ browser, base, data, flow: name, log });
      try {
        await mod.run(ctx);
        log(`pass ${name}`);
      } catch (error) {
        failures.push({ name, error });
        log(`FAIL ${name}`);
      } finally {
        await ctx.close();
      }
    }
  } finally {
    await browser.close();
  }

  for (const { name, error } of failures) {
    log(`\n--- ${name}\n${error?.message ?? error}`);
  }
  log(`\nbrowser flows: ${chosen.length - failures.length} passed, ${failures.length} failed`);
  return failures.length ? 1 : 0;
}

const watchdog = setTimeout(() => {
  log(`browser flows: gave up after ${RUN_TIMEOUT_MS} ms`);
  process.exit(1);
}, RUN_TIMEOUT_MS);
watchdog.unref();

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    log(`browser flows: ${error?.stack ?? error}`);
    process.exitCode = 1;
  },
);
