// SPDX-License-Identifier: MIT
// menu.test.mjs - the portal's menu on a phone, in Debian's headless
// Chromium.
//
// The demo shop behind `portal serve`. At 320 and 390 px, with
// JavaScript off and on, the navigation takes one line until it is
// opened; it opens and closes by pointer and by keyboard; it is a
// disclosure a screen reader announces with its state; the pages a
// customer opens most come first; and no page of the portal, with the
// menu open or closed, scrolls sideways. At desktop width the same
// navigation is a bar with every link in view and no button.
//
//     node menu.test.mjs PORTAL_BINARY PORTAL_CGI
//
// With PORTAL_TEST_PG (tests/pg_env.sh) the shop is a shop of that
// PostgreSQL database. PORTAL_CHROMIUM names the browser (default
// /usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { browserRun } from './shop.mjs';

const STEP_MS = 20_000;
const SCENARIO_MS = 90_000;

const PHONES = [{ width: 320, height: 568 }, { width: 390, height: 844 }];
const DESKTOP = { width: 1280, height: 800 };
// Every page of the navigation, the most used first (cgi/pages/frame.c).
const LINKS = ['Overview', 'Repairs', 'Technician', 'Visits', 'Invoices', 'Estimates',
	'Chat', 'Notifications', 'Payments', 'Statement', 'Service history', 'Inspections',
	'Profile', 'Policies', 'Access log'];

const run = await browserRun({ script: 'menu.test.mjs', name: 'menu',
	totalCapMs: 240_000 });
const { cli, cliJson, work, startServer, stopServer } = run;
let browser = null;
let base = '';

before(async () => {
	cli('demo');
	base = await startServer();
	browser = await run.launchBrowser();
}, { timeout: 60_000 });

after(async () => {
	if (browser)
		await browser.close().catch(() => {});
	await stopServer();
	rmSync(work, { recursive: true, force: true });
}, { timeout: 30_000 });

// ---- the browser ------------------------------------------------------------

// A page of a customer who came in by their secure link: Ayşe (client 9)
// sees every section, so the menu holds every page.
async function customerPage(viewport, javaScriptEnabled) {
	const context = await browser.newContext({ viewport, javaScriptEnabled,
		locale: 'en-CA', timezoneId: 'America/Toronto' });
	context.setDefaultTimeout(STEP_MS);
	context.setDefaultNavigationTimeout(STEP_MS);
	const page = await context.newPage();
	page.errors = [];
	page.on('pageerror', (e) => { page.errors.push(String(e)); });
	page.on('console', (m) => {
		if (m.type() === 'error')
			page.errors.push(`${m.text()} ${m.location().url || ''}`.trim());
	});
	const m = cli('access', 'link', '9').match(/\/k\/[A-Za-z0-9_-]{43}/);
	assert.ok(m, 'access link prints a link');
	await page.goto(base + m[0]);
	return page;
}

const nav = (page) => page.locator('nav.portal-nav');
const summary = (page) => page.locator('nav.portal-nav summary');
const isOpen = (page) => page.locator('nav.portal-nav details').evaluate((d) => d.open);

// The navigation's height and its button's, and the line height of its
// text: one line is the button's own height, no more.
async function heights(page) {
	return page.evaluate(() => {
		const n = document.querySelector('nav.portal-nav');
		const s = n.querySelector('summary');
		return { nav: n.getBoundingClientRect().height, summary: s.getBoundingClientRect().height,
			line: parseFloat(getComputedStyle(s).lineHeight) };
	});
}

// The links of the menu a person sees, in order.
async function visibleLinks(page) {
	return page.locator('nav.portal-nav a').evaluateAll((as) => as
		.filter((a) => a.getBoundingClientRect().height > 0 && a.checkVisibility())
		.map((a) => a.textContent));
}

// Nothing sticks out sideways: the page never scrolls horizontally, and
// no link, button or field lies past the window's edge.
async function fitsWidth(page, what) {
	const [scroll, width, outside] = await page.evaluate(() => [
		document.documentElement.scrollWidth, window.innerWidth,
		[...document.querySelectorAll('a, button, input, textarea, select, summary')].filter((e) => {
			const r = e.getBoundingClientRect();
			return r.width > 0 && (r.left < 0 || r.right > window.innerWidth + 0.5);
		}).map((e) => e.outerHTML.slice(0, 100))]);
	assert.ok(scroll <= width, `${what} is ${scroll} px wide in a ${width} px window`);
	assert.deepEqual(outside, [], `${what}: past the edge of a ${width} px window`);
}

// The element that has the keyboard's focus, as "TAG text".
function focused(page) {
	return page.evaluate(() => {
		const e = document.activeElement;
		return e ? `${e.tagName} ${e.textContent.trim()}` : '';
	});
}

// The menu's button as Chromium hands it to a screen reader: its role,
// name and whether it says it is expanded.
async function announced(page) {
	const cdp = await page.context().newCDPSession(page);
	const { nodes } = await cdp.send('Accessibility.getFullAXTree');
	await cdp.detach();
	const button = nodes.find((n) => !n.ignored && n.name && n.name.value === 'Menu' &&
		n.role && /button|disclosure/i.test(n.role.value));
	if (!button)
		return null;
	const expanded = (button.properties || []).find((p) => p.name === 'expanded');
	return { role: button.role.value, expanded: expanded ? expanded.value.value : null };
}

// ---- the run ----------------------------------------------------------------

for (const viewport of PHONES) {
	for (const js of [false, true]) {
		const how = `${viewport.width} px, JavaScript ${js ? 'on' : 'off'}`;

		test(`the menu takes one line and opens and closes by pointer (${how})`,
			{ timeout: SCENARIO_MS }, async () => {
				const page = await customerPage(viewport, js);
				await page.goto(base + '/portal/invoices');
				assert.equal(await isOpen(page), false);
				const h = await heights(page);
				assert.ok(h.summary < 2 * h.line + 1, `the button is one line: ${JSON.stringify(h)}`);
				assert.ok(h.nav <= h.summary + 2, `the closed menu is its button: ${JSON.stringify(h)}`);
				assert.ok(h.nav <= viewport.height * 0.1, `the menu takes ${h.nav} px of ${viewport.height}`);
				assert.deepEqual(await visibleLinks(page), []);
				assert.equal((await summary(page).innerText()).trim(), 'Menu');

				await summary(page).click();
				assert.equal(await isOpen(page), true);
				assert.deepEqual(await visibleLinks(page), LINKS);
				const current = nav(page).locator('a[aria-current="page"]');
				assert.equal(await current.innerText(), 'Invoices');
				await fitsWidth(page, `${how}: the open menu`);

				await summary(page).click();
				assert.equal(await isOpen(page), false);
				assert.deepEqual(await visibleLinks(page), []);

				// A link of the menu leads to its page, and the menu starts closed there.
				await summary(page).click();
				await Promise.all([page.waitForURL(/\/portal\/chat$/),
					nav(page).getByRole('link', { name: 'Chat' }).click()]);
				assert.equal(await isOpen(page), false);
				assert.deepEqual(page.errors, []);
				await page.context().close();
			});

		test(`the menu is reached and worked by keyboard, and announced (${how})`,
			{ timeout: SCENARIO_MS }, async () => {
				const page = await customerPage(viewport, js);
				await page.goto(base + '/portal/jobs');
				// From the top of the page: the skip link, the shop's name, the log
				// out button, then the menu, within a few steps.
				let steps = 0;
				while ((await focused(page)) !== 'SUMMARY Menu') {
					assert.ok(++steps <= 6, `the menu is not among the first Tab stops: ${await focused(page)}`);
					await page.keyboard.press('Tab');
				}
				assert.match(await nav(page).ariaSnapshot(), /navigation "Portal"/);
				assert.deepEqual(await announced(page), { role: 'DisclosureTriangle', expanded: false });

				await page.keyboard.press('Enter');
				assert.equal(await isOpen(page), true);
				assert.deepEqual(await announced(page), { role: 'DisclosureTriangle', expanded: true });
				assert.deepEqual(await visibleLinks(page), LINKS);
				await page.keyboard.press('Tab');
				assert.equal(await focused(page), 'A Overview');
				await page.keyboard.press('Shift+Tab');
				assert.equal(await focused(page), 'SUMMARY Menu');
				await page.keyboard.press('Space');
				assert.equal(await isOpen(page), false);

				if (js) {
					// With the script, Escape from inside the menu closes it and gives the
					// focus back to its button.
					await page.keyboard.press('Enter');
					await page.keyboard.press('Tab');
					await page.keyboard.press('Tab');
					assert.equal(await focused(page), 'A Repairs');
					await page.keyboard.press('Escape');
					assert.equal(await isOpen(page), false);
					assert.equal(await focused(page), 'SUMMARY Menu');
				}
				// Enter on a link of the open menu follows it.
				await page.keyboard.press('Enter');
				await page.keyboard.press('Tab');
				await Promise.all([page.waitForURL(/\/portal$/), page.keyboard.press('Enter')]);
				assert.deepEqual(page.errors, []);
				await page.context().close();
			});

		test(`no page scrolls sideways, menu open or closed (${how})`,
			{ timeout: SCENARIO_MS }, async () => {
				const page = await customerPage(viewport, js);
				await page.goto(base + '/');
				await fitsWidth(page, `${how}: the landing page`);
				await page.goto(base + '/portal');
				const hrefs = await nav(page).locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
				assert.equal(hrefs.length, LINKS.length);
				for (const href of hrefs) {
					await page.goto(base + href);
					await fitsWidth(page, `${how}: ${href}`);
					await summary(page).click();
					await fitsWidth(page, `${how}: ${href} with the menu open`);
				}
				assert.deepEqual(page.errors, []);
				await page.context().close();
			});
	}
}

test('at desktop width the menu is a bar with every link in view', { timeout: SCENARIO_MS }, async () => {
	const page = await customerPage(DESKTOP, true);
	await page.goto(base + '/portal/invoices');
	assert.equal(await summary(page).isVisible(), false);
	assert.deepEqual(await visibleLinks(page), LINKS);
	await nav(page).getByRole('link', { name: 'Estimates' }).focus();
	assert.equal(await focused(page), 'A Estimates');
	const h = await nav(page).evaluate((n) => n.getBoundingClientRect().height);
	assert.ok(h <= 120, `the bar is ${h} px high`);
	await fitsWidth(page, 'the desktop bar');
	await page.context().close();
});

test('portal serve stops cleanly', { timeout: 30_000 }, async () => {
	await browser.close();
	browser = null;
	assert.equal(await stopServer(), 0, 'portal serve ends with status 0 on SIGTERM');
});
