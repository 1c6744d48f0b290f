import { openApp } from './browser';
const s = await openApp('/');
const p = s.page;
p.context().on('response', (r) => { if (r.status() >= 400) console.log('HTTP', r.status(), r.url()); });
await p.setViewportSize({ width: 1100, height: 900 });
await p.getByRole('combobox', { name: 'Backend' }).selectOption('cpu');
const t0 = Date.now();
for (let i = 0; i < 60; i++) { const t = await p.locator('.load-status').first().innerText().catch(() => ''); if (/ready|Ready/.test(t)) break; if (i % 5 == 0) console.log(i, t); await p.waitForTimeout(2000); }
console.log('ready after', Date.now() - t0, await p.locator('.load-status').first().innerText());
await p.getByRole('textbox', { name: 'Message' }).fill('What is 17 * 23?');
await p.getByRole('button', { name: 'Send' }).click();
const t1 = Date.now();
await p.getByRole('button', { name: 'Send' }).waitFor({ timeout: 180000 });
console.log('answered after', Date.now() - t1);
await p.screenshot({ path: '/tmp/shots/answer.png', fullPage: true });
console.log(await p.locator('main').innerText());
await s.close();
