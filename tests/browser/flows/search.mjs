// The dashboard's search, in English and French: the agent signs in, searches a word of the
// seeded ticket's subject with the search form (a plain GET, no JavaScript needed), sees it in
// the results, then a search that finds nothing.
export async function run(ctx) {
  const { agent_email: email, agent_password: password, ticket_number: number } = ctx.data;
  for (const lang of ['en', 'fr']) {
    const { page } = await ctx.visit('/agent/login?next=/agent/search', { lang });
    await page.locator('#f-email').fill(email);
    await page.locator('#f-password').fill(password);
    await Promise.all([page.waitForNavigation(), page.locator('form button[type=submit]').click()]);
    ctx.assert.match(page.url(), /\/agent\/search$/, `${lang}: the search page after sign-in`);
    await ctx.expectLang(page, lang);
    await ctx.expectH1(page);
    await ctx.check(page, `${lang}-search`);

    await page.locator('#search-q').fill('blank');
    await Promise.all([page.waitForNavigation(), page.locator('form.search button[type=submit]').click()]);
    ctx.assert.match(page.url(), /q=blank/);
    ctx.assert.ok(
      await page.locator(`table.search-results a[href="/agent/tickets/${number}"]`).count(),
      `${lang}: the seeded ticket is found`,
    );
    await ctx.check(page, `${lang}-search-results`);

    await page.locator('#search-q').fill('nothingmatchesthis');
    await Promise.all([page.waitForNavigation(), page.locator('form.search button[type=submit]').click()]);
    ctx.assert.equal(await page.locator('table.search-results').count(), 0, `${lang}: no result`);
    await ctx.check(page, `${lang}-search-none`);
  }
}
