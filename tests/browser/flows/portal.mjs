// The portal page of a ticket created through the API, in both languages: the thread, the place
// in the queue, and no internal notes or secrets.
export async function run(ctx) {
  for (const lang of ['en', 'fr']) {
    const { page } = await ctx.visit(`/t/${ctx.data.portal_token}`, { lang });
    await ctx.expectLang(page, lang);
    await ctx.expectH1(page);
    const text = await page.locator('main').innerText();
    const number = lang === 'fr' ? `n°${ctx.data.ticket_number}` : `#${ctx.data.ticket_number}`;
    ctx.assert.ok(text.includes(number), `${lang}: the number is shown`);
    ctx.assert.ok(text.includes('Since the update every invoice is blank.'), `${lang}: the thread`);
    await ctx.check(page, lang);
  }
}
