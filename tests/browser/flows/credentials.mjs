// The credentials vault as a customer uses it: credentials without the consent box come back
// (422) with the error on the box and the password fields empty; with consent the ticket is
// created and the portal says they are kept; an agent reveals them on the ticket page (an
// explicit post, a page of its own); "delete my credentials now" removes them.
const FIELDS = {
  name: 'Alice Martin',
  version: '3.7.28',
  subject: 'Checkout fails',
  description: 'The checkout page shows an error after the update.',
  store_url: 'https://shop.example.com',
  admin_url: 'https://shop.example.com/wp-admin',
  platform_version: 'WordPress 6.7, WooCommerce 9.4',
  admin_login: 'shop-admin',
  admin_password: 'Browser-Adm1n-pw',
  ftp_host: 'ftp.shop.example.com',
  ftp_user: 'deploy',
  ftp_password: 'Browser-Ftp-pw',
};

async function submit(page, button) {
  await Promise.all([page.waitForEvent('response', (r) => r.request().method() === 'POST'), button.click()]);
  await page.waitForLoadState('load');
}

export async function run(ctx) {
  for (const lang of ['en', 'fr']) {
    const { page } = await ctx.visit('/', { lang });
    await page.locator('[name=email]').fill(ctx.data.customer_email);
    await page.locator('[name=product]').selectOption(ctx.data.product);
    for (const [name, value] of Object.entries(FIELDS)) {
      await page.locator(`[name=${name}]`).fill(value);
    }

    // No consent: 422, the box is named, the passwords are not sent back.
    ctx.expectStatus(page, '/', 422);
    await submit(page, page.locator('main form button[type=submit]'));
    ctx.assert.equal(await page.locator('#f-credentials_consent').getAttribute('aria-invalid'), 'true');
    ctx.assert.equal(await page.locator('[name=admin_password]').inputValue(), '', `${lang}: no password back`);
    ctx.assert.equal(await page.locator('[name=ftp_password]').inputValue(), '');
    ctx.assert.equal(await page.locator('[name=admin_login]').inputValue(), FIELDS.admin_login);
    const html = await page.content();
    ctx.assert.ok(!html.includes(FIELDS.admin_password), `${lang}: the page holds no password`);
    await ctx.check(page, `${lang}-no-consent`);

    // With consent: created; the portal says they are kept and never shows them.
    await page.locator('[name=admin_password]').fill(FIELDS.admin_password);
    await page.locator('[name=ftp_password]').fill(FIELDS.ftp_password);
    await page.locator('#f-credentials_consent').check();
    await submit(page, page.locator('main form button[type=submit]'));
    ctx.assert.match(page.url(), /\/t\/[0-9a-f]{64}\?new=1$/, `${lang}: lands on the portal`);
    const kept = await page.locator('main').innerText();
    ctx.assert.ok(!kept.includes(FIELDS.admin_password) && !kept.includes(FIELDS.ftp_user));
    const remove = page.locator('section[aria-labelledby=credentials-title] button');
    ctx.assert.equal(await remove.count(), 1, `${lang}: a delete button`);
    await ctx.check(page, `${lang}-kept`);

    // An agent reveals them on the ticket page: an explicit post, shown on a page of its own.
    const number = /(?:#|n°)\s*(\d+)/.exec(kept)?.[1];
    ctx.assert.ok(number, `${lang}: the portal names the ticket`);
    const { page: agent } = await ctx.visit(`/agent/login?next=/agent/tickets/${number}`, { lang });
    await agent.locator('#f-email').fill(ctx.data.agent_email);
    await agent.locator('#f-password').fill(ctx.data.agent_password);
    await Promise.all([agent.waitForNavigation(), agent.locator('form button[type=submit]').click()]);
    ctx.assert.match(agent.url(), new RegExp(`/agent/tickets/${number}$`), `${lang}: the ticket page`);
    const reveal = agent.locator(`form[action="/agent/tickets/${number}/credentials"] button`);
    ctx.assert.equal(await reveal.count(), 1, `${lang}: a reveal button`);
    ctx.assert.ok(!(await agent.content()).includes(FIELDS.admin_password), `${lang}: hidden until asked`);
    await Promise.all([agent.waitForNavigation(), reveal.click()]);
    await ctx.expectH1(agent);
    const shown = await agent.locator('dl.secret').innerText();
    ctx.assert.ok(shown.includes(FIELDS.admin_password) && shown.includes(FIELDS.ftp_user), `${lang}: revealed`);
    await ctx.check(agent, `${lang}-agent-revealed`);

    // Delete now: back on the portal, with a notice and no button.
    await submit(page, remove);
    ctx.assert.match(page.url(), /\?credentials=deleted$/, `${lang}: back on the portal`);
    ctx.assert.equal(await page.locator('[role=status]').count(), 1, `${lang}: a notice`);
    ctx.assert.equal(await remove.count(), 0, `${lang}: no button left`);
    await ctx.check(page, `${lang}-deleted`);
  }
}
