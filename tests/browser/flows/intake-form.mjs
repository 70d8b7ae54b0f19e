// The intake form as a customer uses it: sent empty (every error shown, with the summary), then
// refused (an expired buyer), then accepted, which lands on the new ticket's portal page.
const FIELDS = {
  name: 'Alice Martin',
  version: '3.7.28',
  subject: 'Invoices are blank',
  description: 'Since the update every invoice is blank.\nSteps: open an order, print the invoice.',
  store_url: 'https://shop.example.com',
  admin_url: 'https://shop.example.com/wp-admin',
  platform_version: 'WordPress 6.7, WooCommerce 9.4',
};

async function fill(page, ctx, email) {
  await page.locator('[name=email]').fill(email);
  await page.locator('[name=product]').selectOption(ctx.data.product);
  for (const [name, value] of Object.entries(FIELDS)) {
    await page.locator(`[name=${name}]`).fill(value);
  }
}

async function send(ctx, page, status) {
  // Answers with errors (422) are logged by Chromium; they are what this flow asks for.
  if (status >= 400) ctx.expectStatus(page, '/', status);
  const [response] = await Promise.all([
    page.waitForEvent('response', (r) => r.request().method() === 'POST' || r.status() === status),
    page.locator('main form button[type=submit]').click(),
  ]);
  await page.waitForLoadState('load');
  return response;
}

export async function run(ctx) {
  for (const lang of ['en', 'fr']) {
    const { page } = await ctx.visit('/', { lang });
    await ctx.expectLang(page, lang);

    // Everything missing: 422, an error per field, each tied to its input.
    const empty = await send(ctx, page, 422);
    ctx.assert.equal(empty.status(), 422, `${lang}: an empty form answers 422`);
    const invalid = await page.locator('[aria-invalid=true]').count();
    ctx.assert.ok(invalid >= 5, `${lang}: ${invalid} fields marked invalid`);
    const described = await page.locator('#f-email').getAttribute('aria-describedby');
    ctx.assert.ok(described, `${lang}: the email field points at its error`);
    await ctx.check(page, `${lang}-errors`);

    // A buyer whose support ended: refused, told what to do, and what was typed is still there.
    await fill(page, ctx, 'old@example.com');
    const refused = await send(ctx, page, 422);
    ctx.assert.equal(refused.status(), 422, `${lang}: an expired buyer is refused`);
    ctx.assert.equal(await page.locator('[name=subject]').inputValue(), FIELDS.subject);
    await ctx.check(page, `${lang}-refused`);

    // The buyer: the ticket is created and the portal page shows its number.
    await fill(page, ctx, ctx.data.customer_email);
    await send(ctx, page, 200);
    ctx.assert.match(page.url(), /\/t\/[0-9a-f]{64}\?new=1$/, `${lang}: lands on the portal`);
    const text = await page.locator('main').innerText();
    ctx.assert.match(text, /(#|n°)\d+/, `${lang}: the portal shows the ticket number`);
    await ctx.expectH1(page);
    await ctx.check(page, `${lang}-created`);
  }
}
