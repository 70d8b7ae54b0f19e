// The 404 page, for a portal token that does not exist and for a path no route knows, in both
// languages.
const PAGES = {
  'bad-token': '/t/not-a-token',
  'no-route': '/no/such/page',
};
const TITLES = { en: 'Page not found', fr: 'Page introuvable' };

export async function run(ctx) {
  for (const [name, path] of Object.entries(PAGES)) {
    for (const lang of ['en', 'fr']) {
      const { page } = await ctx.visit(path, { lang, status: 404 });
      await ctx.expectLang(page, lang);
      const h1 = await ctx.expectH1(page);
      ctx.assert.equal(h1, TITLES[lang], `${page.url()} (${lang}): h1 "${h1}"`);
      await ctx.check(page, `${name}-${lang}`);
    }
  }
}
