// An agent works the queue end to end: signs in, presses "Take next", which opens the ticket
// at the head of the queue, now theirs; sends a canned response that resolves it; and the
// ticket has left the queue. It runs last (flows run in name order), so the tickets the other
// flows read are still queued while they run. The ticket taken is logged as `took #N`:
// tests/it/browser.rs then checks that it is resolved and that its reply mail is in the
// outbox.
export async function run(ctx) {
  const { agent_email: email, agent_password: password } = ctx.data;
  const { page } = await ctx.visit('/agent/login', { lang: 'en' });
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill(password);
  await Promise.all([page.waitForNavigation(), page.locator('form button[type=submit]').click()]);
  ctx.assert.match(page.url(), /\/agent$/, 'the queue after sign-in');

  await Promise.all([page.waitForNavigation(), page.locator('form[action="/agent/take"] button').click()]);
  const taken = /\/agent\/tickets\/(\d+)/.exec(page.url());
  ctx.assert.ok(taken, `take-next opens a ticket, not ${page.url()}`);
  const number = taken[1];
  ctx.log(`  took #${number}`);
  await ctx.expectH1(page);
  ctx.assert.match(await page.locator('dl.facts').innerText(), /Zoé|zoe@desk\.test/, 'the ticket is now the agent’s');
  await ctx.check(page, 'taken');

  const canned = page.locator('#f-canned option:not([value=""])');
  ctx.assert.ok((await canned.count()) >= 1, 'canned responses in the ticket’s language');
  const first = await canned.first().getAttribute('value');
  await page.locator('#f-canned').selectOption(first);
  await Promise.all([page.waitForNavigation(), page.locator('button[name=do][value=canned_send]').click()]);
  ctx.assert.match(page.url(), new RegExp(`/agent/tickets/${number}`), 'back on the ticket');
  ctx.assert.ok(await page.locator('[role=status]').count(), 'the reply is announced');
  const facts = await page.locator('dl.facts').innerText();
  ctx.assert.match(facts, /State\s+Solved/, `the ticket is resolved:\n${facts}`);
  ctx.assert.ok(await page.locator('.thread .message').count() >= 2, 'the reply is in the thread');
  await ctx.check(page, 'resolved');

  await page.goto(ctx.url('/agent'));
  ctx.assert.equal(
    await page.locator(`table.queue-table a[href="/agent/tickets/${number}"]`).count(),
    0,
    `#${number} has left the queue`,
  );
  await ctx.check(page, 'queue-after');
}
