// The home page, in English and in French.
export async function run(ctx) {
  for (const lang of ['en', 'fr']) {
    const { page } = await ctx.visit('/', { lang });
    await ctx.expectLang(page, lang);
    await ctx.expectH1(page);
    const title = await page.title();
    ctx.assert.ok(title.trim(), `${page.url()}: the page has no title`);
    await ctx.check(page, lang);
  }
}
