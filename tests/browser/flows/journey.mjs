// A French customer's whole visit, as a person would make it: the form, a mistake, the ticket,
// the portal link, a reply. Four times: JavaScript on and off (the pages must work without it),
// on a desktop window and on a phone-sized one. Every state is checked with axe (the same DOM
// with JavaScript off, so axe runs in the JavaScript-on passes) and photographed.
const WINDOWS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true },
};

const FIELDS = {
  name: 'Zoé Lefèvre',
  version: '3.7.28',
  subject: 'Factures vides depuis la mise à jour',
  description: 'Depuis la mise à jour, toutes les factures PDF sont vides.\nÉtapes : ouvrir une commande, imprimer la facture.',
  store_url: 'https://boutique.example.com',
  admin_url: 'https://boutique.example.com/wp-admin',
  platform_version: 'WordPress 6.7, WooCommerce 9.4',
};

async function submit(ctx, page, form, action, status) {
  if (status >= 400) ctx.expectStatus(page, action, status);
  const [response] = await Promise.all([
    page.waitForEvent('response', (r) => r.request().method() === 'POST'),
    page.locator(`${form} button[type=submit]`).first().click(),
  ]);
  await page.waitForLoadState('load');
  return response;
}

export async function run(ctx) {
  for (const javaScript of [true, false]) {
    for (const [windowName, window] of Object.entries(WINDOWS)) {
      const name = `fr-${windowName}-js-${javaScript ? 'on' : 'off'}`;
      const shot = async (page, step) => {
        if (javaScript) await ctx.check(page, `${name}-${step}`);
        else await ctx.screenshot(page, `${name}-${step}`);
      };
      const { page } = await ctx.visit('/', { lang: 'fr', javaScript, ...window });
      await shot(page, '1-form');

      // A mistake: the address is not one, everything else is filled in.
      await page.locator('[name=email]').fill('zoe-sans-arobase');
      await page.locator('[name=product]').selectOption(ctx.data.product);
      for (const [field, value] of Object.entries(FIELDS)) {
        await page.locator(`[name=${field}]`).fill(value);
      }
      const wrong = await submit(ctx, page, 'main form', '/', 422);
      ctx.assert.equal(wrong.status(), 422, `${name}: a bad address answers 422`);
      ctx.assert.equal(await page.locator('#f-email').getAttribute('aria-invalid'), 'true');
      ctx.assert.equal(await page.locator('[name=subject]').inputValue(), FIELDS.subject);
      await shot(page, '2-error');

      await page.locator('[name=email]').fill(ctx.data.customer_email);
      await submit(ctx, page, 'main form', '/', 200);
      ctx.assert.match(page.url(), /\/t\/[0-9a-f]{64}\?new=1$/, `${name}: the success page`);
      const link = (await page.locator('main a[href*="/t/"]').first().getAttribute('href')) ?? '';
      ctx.assert.match(link, /\/t\/[0-9a-f]{64}$/, `${name}: the portal link is given`);
      await shot(page, '3-success');

      // The portal link as the customer keeps it, then a reply.
      const token = link.split('/t/')[1];
      await page.goto(ctx.url(`/t/${token}`), { waitUntil: 'load' });
      await page.locator('#f-body').fill('J’ajoute la capture de l’erreur : « PDF vide ».');
      await page.locator('#f-confirm').check();
      await submit(ctx, page, `form[action="/t/${token}/reply"]`, `/t/${token}/reply`, 200);
      ctx.assert.match(page.url(), /\?sent=1$/, `${name}: back on the portal after replying`);
      const thread = await page.locator('main .thread').innerText();
      ctx.assert.ok(thread.includes('« PDF vide »'), `${name}: the reply is in the thread`);
      await shot(page, '4-portal');
    }
  }
}
