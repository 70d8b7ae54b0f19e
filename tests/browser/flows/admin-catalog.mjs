// The catalogue's admin pages as an admin uses them, in English and French: the products with
// the versions supported now, one product's releases (a release added in English moves the
// window; a bad version in French comes back with the value kept and the error tied to the
// field), the purchases found by email, and the CSV import with its report of bad lines.
export async function run(ctx) {
  const { admin_email: email, agent_password: password, customer_email: customer } = ctx.data;
  for (const lang of ['en', 'fr']) {
    const { page } = await ctx.visit('/agent/login', { lang });
    await page.locator('#f-email').fill(email);
    await page.locator('#f-password').fill(password);
    await Promise.all([page.waitForNavigation(), page.locator('form button[type=submit]').click()]);

    await page.goto(new URL('/admin/products', page.url()).href);
    await ctx.expectH1(page);
    ctx.assert.ok(await page.locator('table.queue-table tbody tr').count() >= 1, `${lang}: the products are listed`);
    await ctx.check(page, `${lang}-products`);

    await page.locator('a[href="/admin/products/shop"]').click();
    await page.waitForLoadState('load');
    await ctx.expectH1(page);
    if (lang === 'en') {
      ctx.assert.match(await page.locator('#window').innerText(), /3\.7\.28, 3\.7\.27, 3\.7\.26/);
      await page.locator('#f-version').fill('3.7.29');
      await Promise.all([page.waitForNavigation(), page.locator('form[action="/admin/products/shop/releases"] button[type=submit]').click()]);
      ctx.assert.match(await page.locator('#window').innerText(), /3\.7\.29, 3\.7\.28, 3\.7\.27/, 'the window moved');
      await ctx.check(page, `${lang}-product`);
    } else {
      await page.locator('#f-version').fill('3.x');
      ctx.expectStatus(page, '/admin/products/shop/releases', 422);
      await Promise.all([page.waitForNavigation(), page.locator('form[action="/admin/products/shop/releases"] button[type=submit]').click()]);
      ctx.assert.equal(await page.locator('#f-version').getAttribute('aria-invalid'), 'true');
      ctx.assert.equal(await page.locator('#f-version').inputValue(), '3.x', `${lang}: the version is kept`);
      await ctx.check(page, `${lang}-product-invalid`);
    }

    await page.goto(new URL(`/admin/purchases?q=${encodeURIComponent(customer)}`, page.url()).href);
    await ctx.expectH1(page);
    ctx.assert.ok(await page.locator('table.queue-table tbody tr').count() >= 1, `${lang}: the purchases are found`);
    await ctx.check(page, `${lang}-purchases`);

    await page.goto(new URL('/admin/purchases/import', page.url()).href);
    await ctx.expectH1(page);
    await page.locator('#f-file').setInputFiles({
      name: 'orders.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'order_ref,email,product,purchased_at\n'
          + `B-${lang}-1,buyer-${lang}@example.com,shop,2026-10-01\n`
          + `B-${lang}-2,not an email,shop,2026-10-02\n`,
      ),
    });
    await Promise.all([page.waitForNavigation(), page.locator('form[action="/admin/purchases/import"] button[type=submit]').click()]);
    ctx.assert.equal(await page.locator('.import-report tbody tr').count(), 1, `${lang}: one bad line reported`);
    ctx.assert.equal((await page.locator('.import-report tbody td').first().innerText()).trim(), '3');
    await ctx.check(page, `${lang}-import-report`);
  }
}
