// The admin pages as an admin uses them, in English and French: the agents page with its add
// form (a bad email first, which comes back with the value kept and the error tied to the
// field), then the audit log with its filters, then the privacy requests page.
export async function run(ctx) {
  const { admin_email: email, agent_password: password } = ctx.data;
  for (const lang of ['en', 'fr']) {
    const { page } = await ctx.visit('/agent/login', { lang });
    await page.locator('#f-email').fill(email);
    await page.locator('#f-password').fill(password);
    await Promise.all([page.waitForNavigation(), page.locator('form button[type=submit]').click()]);
    await page.goto(new URL('/admin/agents', page.url()).href);
    await ctx.expectH1(page);
    ctx.assert.ok(await page.locator('table.queue-table tbody tr').count() >= 2, `${lang}: the agents are listed`);
    await ctx.check(page, `${lang}-agents`);

    await page.locator('#f-email').fill('not an email');
    await page.locator('#f-name').fill('Nina');
    await page.locator('#f-password').fill('a long enough password');
    ctx.expectStatus(page, '/admin/agents', 422);
    await Promise.all([page.waitForNavigation(), page.locator('form[action="/admin/agents"] button[type=submit]').click()]);
    ctx.assert.equal(await page.locator('#f-email').getAttribute('aria-invalid'), 'true');
    ctx.assert.equal(await page.locator('#f-name').inputValue(), 'Nina', `${lang}: the name is kept`);
    await ctx.check(page, `${lang}-agents-invalid`);

    await page.goto(new URL('/admin/audit', page.url()).href);
    await ctx.expectH1(page);
    await ctx.check(page, `${lang}-audit`);

    await page.goto(new URL('/admin/privacy', page.url()).href);
    await ctx.expectH1(page);
    await ctx.check(page, `${lang}-privacy`);
  }
}
