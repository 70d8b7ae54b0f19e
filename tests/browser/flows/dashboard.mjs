// The agents' dashboard as an agent uses it, in English and French: the sign-in form (a wrong
// password first, which comes back with the email kept and the error announced), then the
// queue with its filters and take-next, then the ticket page.
export async function run(ctx) {
  const { agent_email: email, agent_password: password } = ctx.data;
  for (const lang of ['en', 'fr']) {
    const { page } = await ctx.visit('/agent/login', { lang });
    await ctx.expectLang(page, lang);
    await ctx.expectH1(page);
    await ctx.check(page, `${lang}-sign-in`);

    await page.locator('#f-email').fill(email);
    await page.locator('#f-password').fill('not the password');
    ctx.expectStatus(page, '/agent/login', 401);
    await Promise.all([page.waitForNavigation(), page.locator('form button[type=submit]').click()]);
    ctx.assert.equal(await page.locator('#f-email').inputValue(), email, `${lang}: the email is kept`);
    ctx.assert.equal(await page.locator('#f-password').inputValue(), '', `${lang}: never the password`);
    ctx.assert.ok(await page.locator('[role=alert]').count(), `${lang}: the error is announced`);
    await ctx.check(page, `${lang}-sign-in-failed`);

    await page.locator('#f-password').fill(password);
    await Promise.all([page.waitForNavigation(), page.locator('form button[type=submit]').click()]);
    ctx.assert.match(page.url(), /\/agent$/, `${lang}: the queue after sign-in`);
    await ctx.expectH1(page);
    const rows = await page.locator('table.queue-table tbody tr').count();
    ctx.assert.ok(rows >= 1, `${lang}: the seeded ticket is in the queue`);
    await ctx.check(page, `${lang}-queue`);

    await page.locator('#q-lane').selectOption('standard');
    await Promise.all([page.waitForNavigation(), page.locator('fieldset.filters button').click()]);
    ctx.assert.match(page.url(), /lane=standard/);
    await ctx.check(page, `${lang}-queue-filtered`);

    await page.locator(`a[href="/agent/tickets/${ctx.data.ticket_number}"]`).first().click();
    await page.waitForLoadState('load');
    await ctx.expectH1(page);
    ctx.assert.ok(await page.locator('.thread .message').count(), `${lang}: the thread is shown`);
    await ctx.check(page, `${lang}-ticket`);
  }
}
