// The statistics page as an agent reads it, in English and French: signed in, the charts are
// inline SVG images with a name, each beside a table of the same numbers; changing the period
// reloads the page; the CSV link points at the same period.
export async function run(ctx) {
  const { agent_email: email, agent_password: password } = ctx.data;
  for (const lang of ['en', 'fr']) {
    const { page } = await ctx.visit('/agent/login?next=/agent/stats', { lang });
    await page.locator('#f-email').fill(email);
    await page.locator('#f-password').fill(password);
    await Promise.all([page.waitForNavigation(), page.locator('form button[type=submit]').click()]);
    ctx.assert.match(page.url(), /\/agent\/stats$/, `${lang}: back to the statistics after sign-in`);
    await ctx.expectLang(page, lang);
    await ctx.expectH1(page);
    const charts = await page.locator('svg[role=img]').count();
    ctx.assert.ok(charts >= 2, `${lang}: the charts are drawn`);
    ctx.assert.ok(await page.locator('table.stats-table caption').count() >= 3, `${lang}: tables beside them`);
    ctx.assert.equal(await page.locator('script').count(), 0, `${lang}: no script`);
    await ctx.check(page, `${lang}-stats`);

    await page.locator('#s-days').selectOption('7');
    await Promise.all([page.waitForNavigation(), page.locator('form.stats-period button').click()]);
    ctx.assert.match(page.url(), /days=7/);
    ctx.assert.equal(await page.locator('#t-daily tbody tr').count(), 7, `${lang}: seven days`);
    ctx.assert.equal(
      await page.locator('a[download]').getAttribute('href'),
      '/agent/stats.csv?days=7',
      `${lang}: the CSV of the same period`,
    );
    await ctx.check(page, `${lang}-stats-7-days`);
  }
}
