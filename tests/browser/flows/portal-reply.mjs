// The portal's reply form as a customer uses it, in both languages: sent without ticking the
// queue confirmation (422, the error tied to the box, the text still there), then confirmed,
// which lands back on the portal with the "message added" notice and the place in the queue.
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
    await ctx.expectLang(page, lang);
    await ctx.expectH1(page);
    const text = `Also the credit notes (${lang}).\nThey are blank too.`;
    await page.locator('#f-body').fill(text);

    const unconfirmed = await send(ctx, page, 422);
    ctx.assert.equal(unconfirmed.status(), 422, `${lang}: an unconfirmed reply answers 422`);
    ctx.assert.equal(await page.locator('#f-confirm').getAttribute('aria-invalid'), 'true');
    const described = await page.locator('#f-confirm').getAttribute('aria-describedby');
    ctx.assert.ok(described?.includes('f-confirm-error'), `${lang}: the box points at its error`);
    ctx.assert.equal(await page.locator('#f-body').inputValue(), text, `${lang}: the text is kept`);
    await ctx.expectH1(page);
    await ctx.check(page, `${lang}-unconfirmed`);

    await page.locator('#f-confirm').check();
    await send(ctx, page, 200);
    ctx.assert.match(page.url(), /\/t\/[0-9a-f]{64}\?sent=1$/, `${lang}: back on the portal`);
    const notice = await page.locator('main [role=status]').innerText();
    ctx.assert.match(notice, /\d/, `${lang}: the notice tells the place in the queue`);
    const thread = await page.locator('main .thread').innerText();
    ctx.assert.ok(thread.includes('They are blank too.'), `${lang}: the reply is in the thread`);
    await ctx.check(page, `${lang}-sent`);
  }
}
