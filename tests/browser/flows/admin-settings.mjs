// The last admin pages as an admin uses them, in English and French: the API tokens page (a
// token created and shown once), the canned responses (a bad add first, which keeps what was
// typed), and the settings with where each value comes from (a value saved in English, which
// waits for the next start; a bad one in French, refused with the value kept and the error
// tied to the field).
export async function run(ctx) {
  const { admin_email: email, agent_password: password } = ctx.data;
  for (const lang of ['en', 'fr']) {
    const { page } = await ctx.visit('/agent/login', { lang });
    await page.locator('#f-email').fill(email);
    await page.locator('#f-password').fill(password);
    await Promise.all([page.waitForNavigation(), page.locator('form button[type=submit]').click()]);
    const go = (path) => page.goto(new URL(path, page.url()).href);

    await go('/admin/tokens');
    await ctx.expectH1(page);
    ctx.assert.equal(await page.locator('nav.admin-nav a[aria-current="page"]').getAttribute('href'), '/admin/tokens');
    await ctx.check(page, `${lang}-tokens`);
    await page.locator('#f-name').fill(`flow token ${lang}`);
    await page.locator('#f-scope').selectOption('intake');
    await Promise.all([page.waitForNavigation(), page.locator('form[action="/admin/tokens"] button[type=submit]').click()]);
    ctx.assert.match(await page.locator('#new-token').inputValue(), /^[0-9a-f]{64}$/, `${lang}: the token is shown`);
    await ctx.check(page, `${lang}-token-created`);
    await go('/admin/tokens');
    ctx.assert.equal(await page.locator('#new-token').count(), 0, `${lang}: the token is shown once`);
    ctx.assert.ok((await page.locator('table.queue-table').innerText()).includes(`flow token ${lang}`));

    await go('/admin/canned');
    await ctx.expectH1(page);
    ctx.assert.ok(await page.locator('table.queue-table tbody tr').count() >= 2, `${lang}: the seeded responses are listed`);
    await ctx.check(page, `${lang}-canned`);
    await page.locator('#f-lang').selectOption(lang);
    await page.locator('#f-body').fill('A body without a title');
    ctx.expectStatus(page, '/admin/canned', 422);
    await Promise.all([page.waitForNavigation(), page.locator('form[action="/admin/canned"] button[type=submit]').click()]);
    ctx.assert.equal(await page.locator('#f-title').getAttribute('aria-invalid'), 'true');
    ctx.assert.equal(await page.locator('#f-body').inputValue(), 'A body without a title', `${lang}: the text is kept`);
    await ctx.check(page, `${lang}-canned-invalid`);
    await page.locator('table.queue-table a').first().click();
    await page.waitForLoadState('load');
    await ctx.expectH1(page);
    await ctx.check(page, `${lang}-canned-edit`);

    await go('/admin/settings');
    await ctx.expectH1(page);
    ctx.assert.match(await page.locator('#setting-requeue_on_reply .in-force').innerText(), /true/);
    await ctx.check(page, `${lang}-settings`);
    if (lang === 'en') {
      await page.locator('#f-reopen_days').fill('8');
      await Promise.all([page.waitForNavigation(), page.locator('form[action="/admin/settings"] button[type=submit]').click()]);
      ctx.assert.match(await page.locator('#setting-reopen_days .note').innerText(), /8 applies at the next restart/);
      await ctx.check(page, `${lang}-settings-saved`);
    } else {
      await page.locator('#f-response_target_hours').fill('neuf');
      ctx.expectStatus(page, '/admin/settings', 422);
      await Promise.all([page.waitForNavigation(), page.locator('form[action="/admin/settings"] button[type=submit]').click()]);
      ctx.assert.equal(await page.locator('#f-response_target_hours').getAttribute('aria-invalid'), 'true');
      ctx.assert.equal(await page.locator('#f-response_target_hours').inputValue(), 'neuf', `${lang}: the value is kept`);
      await ctx.check(page, `${lang}-settings-invalid`);
    }
  }
}
