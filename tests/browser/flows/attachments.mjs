// Attachments on the portal's reply form, as a customer sends them: a file of a refused type
// comes back with its message beside the file field (422, the text kept, the files to choose
// again), then two good files are sent, listed under the reply as downloads, and served as
// attachments with nosniff.
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png body')]);

async function send(ctx, page, status) {
  const action = `/t/${ctx.data.portal_token}/reply`;
  // An answer with errors (422) is logged by Chromium; it is what this flow asks for.
  if (status >= 400) ctx.expectStatus(page, action, status);
  const [response] = await Promise.all([
    page.waitForEvent('response', (r) => r.request().method() === 'POST'),
    page.locator(`form[action="${action}"] button[type=submit]`).click(),
  ]);
  await page.waitForLoadState('load');
  return response;
}

export async function run(ctx) {
  for (const lang of ['en', 'fr']) {
    const { page } = await ctx.visit(`/t/${ctx.data.portal_token}`, { lang });
    await ctx.expectH1(page);
    const text = `Here are the files (${lang}).`;
    await page.locator('#f-body').fill(text);
    await page.locator('#f-confirm').check();
    await page.locator('#f-attachments').setInputFiles([
      { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00') },
    ]);
    const refused = await send(ctx, page, 422);
    ctx.assert.equal(refused.status(), 422, `${lang}: a refused type answers 422`);
    ctx.assert.equal(await page.locator('#f-attachments').getAttribute('aria-invalid'), 'true');
    const described = await page.locator('#f-attachments').getAttribute('aria-describedby');
    ctx.assert.ok(described?.includes('f-attachments-error'), `${lang}: the field points at its error`);
    ctx.assert.equal(await page.locator('#f-body').inputValue(), text, `${lang}: the text is kept`);
    await ctx.check(page, `${lang}-refused`);

    await page.locator('#f-confirm').check();
    await page.locator('#f-attachments').setInputFiles([
      { name: `shot-${lang}.png`, mimeType: 'image/png', buffer: PNG },
      { name: `shop-${lang}.log`, mimeType: 'text/plain', buffer: Buffer.from('erreur : facture vide\n') },
    ]);
    await send(ctx, page, 200);
    ctx.assert.match(page.url(), /\?sent=1$/, `${lang}: back on the portal`);
    const link = page.locator(`main .thread a[download]`, { hasText: `shop-${lang}.log` });
    const href = await link.getAttribute('href');
    ctx.assert.ok(href, `${lang}: the file is listed as a download`);
    const res = await page.request.get(new URL(href, page.url()).href);
    ctx.assert.equal(res.status(), 200);
    ctx.assert.equal(res.headers()['x-content-type-options'], 'nosniff');
    ctx.assert.match(res.headers()['content-disposition'], /^attachment;/);
    ctx.assert.equal(await res.text(), 'erreur : facture vide\n');
    await ctx.check(page, `${lang}-sent`);
  }
}
