// Two-factor sign-in as an agent and an admin live it, in English and French: the agent opens
// their account page and starts enrolment (the QR code is a served SVG image with a name, the
// key is also written out for typing by hand), types the code an authenticator app would show
// (computed here from that key, RFC 6238), signs out, and is asked for a code at the next
// sign-in: a wrong one is refused with the alert and the field marked, the right one, typed in
// the same form, lets them in. Then an admin resets their two-factor on the agents page, which
// ends the agent's session, and the password alone signs them in again.
//
// The agent is the suite's own for this flow (`two_factor_email`), so turning two-factor on
// never changes how another flow's agent signs in.
import { createHmac } from 'node:crypto';

const STEP_SECS = 30;
const DIGITS = 6;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (what the page shows, in groups of four) to bytes. */
function base32Decode(text) {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const index = BASE32.indexOf(ch);
    if (index < 0) throw new Error(`not base32: ${JSON.stringify(ch)} in ${JSON.stringify(text)}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** The code of 30-second `step` for `key` (RFC 6238 over RFC 4226: HMAC-SHA1, 6 digits). */
function totp(key, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** DIGITS).padStart(DIGITS, '0');
}

const stepNow = () => Math.floor(Date.now() / 1000 / STEP_SECS);

/**
 * The step an app's code would be typed from now: the current one, unless it was used already
 * (the desk takes each step once), then the next one, which the desk also accepts (one step
 * either side, for a phone's clock a little off). So the flow never waits out a step.
 */
const freshStep = (lastUsed) => (lastUsed === null ? stepNow() : Math.max(stepNow(), lastUsed + 1));

/** A six-digit code no step the desk would accept now gives. */
function wrongCode(key) {
  const now = stepNow();
  const good = new Set([now - 1, now, now + 1, now + 2].map((s) => totp(key, s)));
  for (let n = Number(totp(key, now)) + 1; ; n += 1) {
    const candidate = String(n % 10 ** DIGITS).padStart(DIGITS, '0');
    if (!good.has(candidate)) return candidate;
  }
}

/** The RFC 6238 SHA-1 vectors (cut to six digits), so a wrong helper fails here, not later. */
function selfTest(assert) {
  const key = base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  assert.equal(key.toString(), '12345678901234567890', 'base32 decoding');
  for (const [secs, code] of [[59, '287082'], [1_111_111_109, '081804'], [2_000_000_000, '279037']]) {
    assert.equal(totp(key, Math.floor(secs / STEP_SECS)), code, `RFC 6238 vector at ${secs}`);
  }
}

const TEXT = {
  en: { wrong: /That code is not right/, on: /Two-factor sign-in is on/, off: /Two-factor sign-in is off/ },
  fr: { wrong: /Ce code n’est pas correct/, on: /connexion en deux étapes est activée/i, off: /connexion en deux étapes est désactivée/i },
};

async function submit(page, form) {
  await Promise.all([page.waitForNavigation(), page.locator(`${form} button[type=submit]`).click()]);
}

async function passwordStep(page, email, password) {
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill(password);
  await submit(page, 'form[action="/agent/login"]');
}

export async function run(ctx) {
  const { assert } = ctx;
  selfTest(assert);
  const { two_factor_email: email, admin_email: adminEmail, agent_password: password } = ctx.data;
  assert.ok(email, 'the suite hands over two_factor_email');
  for (const lang of ['en', 'fr']) {
    const text = TEXT[lang];
    const { page } = await ctx.visit('/agent/login?next=/agent/account', { lang });
    await passwordStep(page, email, password);
    assert.match(page.url(), /\/agent\/account$/, `${lang}: the account page after sign-in`);
    await ctx.expectLang(page, lang);
    await ctx.expectH1(page);
    assert.match(await page.locator('#two-factor-title + p').innerText(), text.off, `${lang}: off at first`);
    await ctx.check(page, `${lang}-account`);

    // Enrolment: the QR code and the key written out.
    await submit(page, 'form[action="/agent/account/two-factor/start"]');
    const qr = page.locator('img.qr');
    assert.equal(await qr.count(), 1, `${lang}: one QR code`);
    const alt = (await qr.getAttribute('alt'))?.trim() ?? '';
    assert.ok(alt.length > 0, `${lang}: the QR code has a text alternative`);
    assert.equal(await page.getByRole('img', { name: alt }).count(), 1, `${lang}: the QR code is an image named "${alt}"`);
    assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), `${lang}: the QR code is drawn`);
    const served = await page.request.get(ctx.url(await qr.getAttribute('src')));
    assert.equal(served.status(), 200, `${lang}: the QR code is served`);
    assert.match(served.headers()['content-type'] ?? '', /^image\/svg\+xml/, `${lang}: as SVG`);
    assert.match(served.headers()['cache-control'] ?? '', /no-store/, `${lang}: never cached`);
    const svg = await served.text();
    assert.match(svg, /<svg[\s>]/, `${lang}: an SVG document`);
    assert.doesNotMatch(svg, /<script|style=/i, `${lang}: no script or inline style in the SVG`);
    const shownKey = (await page.locator('code.secret-key').innerText()).trim();
    assert.match(shownKey, /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/, `${lang}: the key is shown in groups of four`);
    const key = base32Decode(shownKey);
    assert.equal(key.length, 20, `${lang}: a 160-bit key`);
    await ctx.check(page, `${lang}-account-enrolling`);

    // A wrong code first: refused, the enrolment still under way.
    await page.locator('#f-code').fill(wrongCode(key));
    ctx.expectStatus(page, '/agent/account/two-factor/confirm', 422);
    await submit(page, 'form[action="/agent/account/two-factor/confirm"]');
    assert.match(await page.locator('[role=alert]').innerText(), text.wrong, `${lang}: the wrong code is refused`);
    assert.equal(await page.locator('#f-code').getAttribute('aria-invalid'), 'true');
    assert.equal((await page.locator('code.secret-key').innerText()).trim(), shownKey, `${lang}: the same key`);
    await ctx.check(page, `${lang}-account-enrolling-wrong-code`);

    const enrolStep = freshStep(null);
    await page.locator('#f-code').fill(totp(key, enrolStep));
    await submit(page, 'form[action="/agent/account/two-factor/confirm"]');
    assert.match(page.url(), /\/agent\/account\?done=on$/, `${lang}: enrolled`);
    assert.match(await page.locator('[role=status]').innerText(), text.on, `${lang}: the notice says so`);
    assert.match(await page.locator('#two-factor-title + p').innerText(), text.on, `${lang}: on`);
    assert.equal(await page.locator('img.qr').count(), 0, `${lang}: the QR code is gone`);
    assert.equal(await page.locator('code.secret-key').count(), 0, `${lang}: the key is gone`);
    await ctx.check(page, `${lang}-account-on`);

    // Sign out, sign in: the password is no longer enough.
    await submit(page, 'form[action="/agent/logout"]');
    assert.match(page.url(), /\/agent\/login/, `${lang}: signed out`);
    await passwordStep(page, email, password);
    assert.match(page.url(), /\/agent\/login\/code/, `${lang}: asked for a code`);
    await ctx.expectLang(page, lang);
    await ctx.expectH1(page);
    await ctx.check(page, `${lang}-code`);
    const direct = await page.request.get(ctx.url('/agent'), { maxRedirects: 0 });
    assert.equal(direct.status(), 303, `${lang}: no session before the code`);

    await page.locator('#f-code').fill(wrongCode(key));
    ctx.expectStatus(page, '/agent/login/code', 401);
    await submit(page, 'form[action="/agent/login/code"]');
    assert.match(page.url(), /\/agent\/login\/code/, `${lang}: still the code page`);
    assert.match(await page.locator('[role=alert]').innerText(), text.wrong, `${lang}: the wrong code is refused`);
    assert.equal(await page.locator('#f-code').getAttribute('aria-invalid'), 'true', `${lang}: the field is marked`);
    assert.equal(await page.locator('#f-code').inputValue(), '', `${lang}: the field is empty again`);
    await ctx.check(page, `${lang}-code-wrong`);

    await page.locator('#f-code').fill(totp(key, freshStep(enrolStep)));
    await submit(page, 'form[action="/agent/login/code"]');
    assert.match(page.url(), /\/agent$/, `${lang}: signed in, on the queue`);
    await page.goto(ctx.url('/agent/account'));
    assert.match(await page.locator('#two-factor-title + p').innerText(), text.on, `${lang}: still on`);

    // The admin resets it: the agent's session ends, and the password alone signs them in.
    const { page: admin } = await ctx.visit('/agent/login?next=/admin/agents', { lang });
    await passwordStep(admin, adminEmail, password);
    assert.match(admin.url(), /\/admin\/agents$/, `${lang}: the admin agents page`);
    const row = admin.locator('table.queue-table tbody tr', { hasText: email });
    assert.equal(await row.count(), 1, `${lang}: the agent is listed`);
    const reset = row.locator('form[action$="/two-factor/reset"] button');
    assert.equal(await reset.count(), 1, `${lang}: a reset button for the agent`);
    await Promise.all([admin.waitForNavigation(), reset.click()]);
    assert.match(admin.url(), /\/admin\/agents\?done=two-factor$/, `${lang}: reset`);
    assert.ok(await admin.locator('[role=status]').count(), `${lang}: the reset is announced`);
    assert.equal(await row.locator('form[action$="/two-factor/reset"]').count(), 0, `${lang}: no reset left to do`);
    await ctx.check(admin, `${lang}-admin-reset`);

    await page.goto(ctx.url('/agent/account'));
    assert.match(page.url(), /\/agent\/login\?next=/, `${lang}: the reset ended the agent's session`);
    await passwordStep(page, email, password);
    assert.match(page.url(), /\/agent\/account$/, `${lang}: in with the password alone`);
    assert.match(await page.locator('#two-factor-title + p').innerText(), text.off, `${lang}: off again`);
    await ctx.check(page, `${lang}-account-after-reset`);
  }
}
