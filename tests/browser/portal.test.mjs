// SPDX-License-Identifier: MIT
// portal.test.mjs - the customer's portal in Debian's headless Chromium.
//
// The demo shop behind `portal serve` (lighttpd and portal.cgi on
// 127.0.0.1) with a fixed clock, driven by playwright-core the way a
// customer uses it: typing the invoice and house numbers, following the
// technician on the day of the visit, approving one estimate line,
// downloading an invoice, chatting and reading the shop's answers,
// cancelling a visit after reading which visit it is and its fee, and the
// same lookup and forms with JavaScript off. After each form the portal
// CLI reads back what the database now holds. Every page the customer can
// reach is checked at 320, 390 and 1280 px for sideways scrolling, and the
// main pages are photographed at phone and desktop width.
//
//     node portal.test.mjs PORTAL_BINARY PORTAL_CGI
//
// With PORTAL_TEST_PG (tests/pg_env.sh) the demo shop is a shop of that
// PostgreSQL database instead of a SQLite file.
// PORTAL_CHROMIUM names the browser (default /usr/bin/chromium);
// PORTAL_SCREENSHOTS=DIR keeps the screenshots there, otherwise they go
// to the test's temporary directory and are removed with it. Every step
// has a time limit and the whole run a cap; the server is always stopped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { browserRun, sleep } from './shop.mjs';

const STEP_MS = 20_000;         // one click, one page, one download
const SCENARIO_MS = 90_000;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const SMALL_PHONE = { width: 320, height: 568 };

const run = await browserRun({ script: 'portal.test.mjs', name: 'browser',
	totalCapMs: 240_000, sanitizer: true });
const { cli, cliJson, work, startServer, stopServer, asanDir } = run;
const shots = process.env.PORTAL_SCREENSHOTS || join(work, 'screenshots');
mkdirSync(shots, { recursive: true });
let browser = null;
let base = '';

// ---- the browser ------------------------------------------------------------

async function newPage(options = {}) {
	const { viewport = PHONE, javaScriptEnabled = true } = options;
	const context = await browser.newContext({ viewport, javaScriptEnabled,
		acceptDownloads: true, locale: 'en-CA', timezoneId: 'America/Toronto' });
	context.setDefaultTimeout(STEP_MS);
	context.setDefaultNavigationTimeout(STEP_MS);
	const page = await context.newPage();
	// Script errors and what the browser refused (a Content-Security-Policy
	// violation, a failed load) fail the scenario that met them.
	page.errors = [];
	page.on('pageerror', (e) => { page.errors.push(String(e)); });
	// The icon included: a page whose icon failed to load fails here.
	page.on('console', (m) => {
		if (m.type() === 'error')
			page.errors.push(`${m.text()} ${m.location().url || ''}`.trim());
	});
	return page;
}

async function close(page) {
	await page.context().close();
}

// What a customer does on the landing page: one of the two forms.
async function lookUp(page, invoice, house, form = 'repair') {
	await page.goto(base + '/');
	await page.fill(`#${form}-invoice`, invoice);
	await page.fill(`#${form}-house`, house);
	const button = form === 'repair' ? 'Open my repair' : 'Follow my technician';
	await Promise.all([
		page.waitForURL(form === 'repair' ? /\/portal$/ : /\/portal\/tracking$/),
		page.getByRole('button', { name: button }).click(),
	]);
}

// A secure link as the shop sends it, opened on this server.
function secureLink(client) {
	const m = cli('access', 'link', String(client)).match(/\/k\/[A-Za-z0-9_-]{43}/);
	assert.ok(m, 'access link prints a link');
	return base + m[0];
}

// A page of the navigation, as a customer opens it: on a phone the menu
// first (one line until opened), on a wide screen straight from the bar.
async function menuLink(page, name) {
	const nav = page.getByRole('navigation', { name: 'Portal' });
	const button = nav.locator('summary');
	if (await button.isVisible() && !(await nav.locator('details').evaluate((d) => d.open)))
		await button.click();
	return nav.getByRole('link', { name, exact: true });
}

async function mainText(page) {
	return page.locator('main').innerText();
}

// Nothing sticks out sideways: the page never scrolls horizontally, and
// no link, button or field lies past the window's edge, not even inside
// a box that scrolls sideways on its own (as the navigation once did).
async function fitsWidth(page) {
	const [scroll, width, outside] = await page.evaluate(() => [
		document.documentElement.scrollWidth, window.innerWidth,
		[...document.querySelectorAll('a, button, input, textarea, select')].filter((e) => {
			const r = e.getBoundingClientRect();
			return r.width > 0 && (r.left < 0 || r.right > window.innerWidth + 0.5);
		}).map((e) => e.outerHTML.slice(0, 100))]);
	assert.ok(scroll <= width, `${page.url()} is ${scroll} px wide in a ${width} px window`);
	assert.deepEqual(outside, [], `${page.url()}: past the edge of a ${width} px window`);
}

// Wait until `check` (a function of nothing) returns true; for what a
// page's script does after the page has loaded.
async function eventually(check, what, ms = 10_000) {
	const deadline = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > deadline)
			assert.fail(`${what}: not within ${ms / 1000} s`);
		await sleep(200);
	}
}

// The shop's chat messages to `client` the customer has not read, as the
// shop's CLI lists them.
function unreadFromShop(client) {
	return cliJson('chat', 'list', String(client))
		.filter((m) => m.from === 'shop' && !m.read).length;
}

async function shoot(page, name) {
	const { width } = page.viewportSize();
	const label = width === PHONE.width ? 'phone' : width === DESKTOP.width ? 'desktop' : `${width}`;
	const file = join(shots, `${name}-${label}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

// ---- the run ----------------------------------------------------------------

let cancelVisit = 0;

before(async () => {
	cli('demo');
	// A visit for Łukasz (client #2) this evening: within the 12 hours'
	// notice, so cancelling it now costs the late fee.
	const added = cli('appointment', 'add', '2', '--start', '2026-11-22 17:00',
		'--end', '2026-11-22 19:00', '--tech', '1', '--notes', 'Washer drains slowly');
	cancelVisit = Number(added.match(/appointment #(\d+)/)[1]);
	base = await startServer();
	browser = await run.launchBrowser();
}, { timeout: 60_000 });

after(async () => {
	if (browser)
		await browser.close().catch(() => {});
	await stopServer();
	rmSync(work, { recursive: true, force: true });
}, { timeout: 30_000 });

test('a customer types invoice and house number and sees the dashboard', { timeout: SCENARIO_MS }, async () => {
	const page = await newPage();
	await lookUp(page, '10003', '48');
	await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
	assert.match(await page.locator('header').innerText(), /Portal of\s+Łukasz Kowalski/);
	const text = await mainText(page);
	assert.match(text, /Balance due/);
	assert.match(text, /48 Roncesvalles Ave/);
	assert.match(text, /Toyota Corolla/);
	// The session is Łukasz's: his own invoice opens, and the shop's log says how he came.
	await page.goto(base + '/portal/invoice/10003');
	assert.match(await mainText(page), /Invoice 10003/);
	assert.match(cli('audit', '--client', '2'), /127\.0\.0\.1 +#2 +lookup +ok +number 10003/);
	// The session cookie is the __Host- one, kept over plain HTTP on localhost.
	const cookies = await page.context().cookies();
	const session = cookies.find((c) => c.name === '__Host-portal');
	assert.ok(session && session.httpOnly && session.secure && session.sameSite === 'Strict');
	assert.deepEqual(page.errors, []);
	await close(page);
});

test('on the visit day the customer follows the technician on the map', { timeout: SCENARIO_MS }, async () => {
	cli('appointment', 'status', '1', 'en_route');
	cli('tech', 'ping', '1', '43.6629', '-79.3957');
	const page = await newPage();
	const link = secureLink(5);
	await page.goto(link);
	await page.waitForURL(/\/portal$/);
	assert.ok(!page.url().includes('/k/'), 'the token leaves the address bar');
	await (await menuLink(page, 'Technician')).click();
	await page.waitForURL(/\/portal\/tracking$/);
	await page.getByText('Marc is on the way.').waitFor();
	// What the customer reads is what the shop's CLI says of the visit.
	const track = cliJson('appointment', 'track', '1');
	assert.equal(await page.locator('#track-eta time').getAttribute('datetime'), track.eta_text);
	// In words, as the document's twin says it: "Sun 22 Nov, 10:03 am".
	assert.match(track.eta_words, /^Sun 22 Nov, \d{1,2}:\d\d [ap]m$/);
	assert.equal(await page.locator('#track-eta').innerText(), track.eta_words);
	assert.match(await page.locator('#track-updated').innerText(), /updated \d+ min ago/);
	const map = page.getByRole('img', { name: 'Where Marc is' });
	await map.waitFor();
	assert.ok((await map.boundingBox()).width > 200, 'the map is drawn wide enough to read');
	assert.match(await map.innerHTML(), /Your home/);
	assert.match(await map.innerHTML(), /Marc is about 1\.9 km/);
	assert.match(await mainText(page), new RegExp(`Door code\\s+${track.door_code}`));
	assert.deepEqual(page.errors, []);
	await close(page);
});

test('the customer approves one estimate line with a typed name', { timeout: SCENARIO_MS }, async () => {
	const page = await newPage();
	await lookUp(page, '10014', '63');
	await (await menuLink(page, 'Estimates')).click();
	await page.getByRole('link', { name: /E1009/ }).first().click();
	await page.waitForURL(/\/portal\/estimate\/E1009$/);
	const first = page.locator('table.lines tbody tr').filter({ hasText: 'Oven temperature sensor' });
	await first.getByLabel('Your name').fill('Ayşe Yılmaz');
	await Promise.all([
		page.waitForURL(/\/portal\/estimate\/E1009\?done=decided$/),
		first.getByRole('button', { name: 'Approve' }).click(),
	]);
	const rows = page.locator('table.lines tbody tr');
	assert.match(await rows.filter({ hasText: 'Oven temperature sensor' }).innerText(), /Approved/i);
	assert.match(await rows.filter({ hasText: 'Replace and calibrate sensor' }).innerText(),
		/Waiting for your decision/);
	const shown = cli('estimate', 'show', 'E1009');
	assert.match(shown, /Oven temperature sensor.*\[approved by Ayşe Yılmaz\]/);
	assert.match(shown, /Replace and calibrate sensor.*\[pending\]/);
	assert.match(shown, /^Estimate E1009 +partly_decided/);
	assert.deepEqual(page.errors, []);
	await close(page);
});

test('the repair page lists the job\'s estimate and invoice and leads to each', { timeout: SCENARIO_MS }, async () => {
	const page = await newPage({ viewport: SMALL_PHONE });
	await lookUp(page, '10014', '63');
	await page.goto(base + '/portal/job/9');
	await page.getByRole('heading', { level: 1, name: 'Repair #9' }).waitFor();
	const estimates = page.locator('section[aria-labelledby="job-estimates"]');
	const invoices = page.locator('section[aria-labelledby="job-invoices"]');
	// The same rows as the list pages: number, status, amounts.
	const job = cliJson('preview', '9', 'job', '9').job;
	const [est] = job.estimates;
	const [inv] = job.invoices;
	assert.equal(est.number, 'E1009');
	assert.equal(inv.number, '10014');
	const estRow = await estimates.locator('tbody tr').filter({ hasText: 'E1009' }).innerText();
	assert.ok(estRow.includes(est.status_label) && estRow.includes(`$${est.total_text}`), estRow);
	const invRow = await invoices.locator('tbody tr').filter({ hasText: '10014' }).innerText();
	assert.equal(inv.due_date, '2026-12-03');
	assert.ok(invRow.includes(inv.status_label) && invRow.includes(`$${inv.total_text}`) &&
		invRow.includes('Thu 3 Dec'), invRow);
	assert.match(await mainText(page), /Amounts in CAD\./);
	await fitsWidth(page);
	await Promise.all([
		page.waitForURL(/\/portal\/estimate\/E1009$/),
		estimates.getByRole('link', { name: 'E1009' }).click(),
	]);
	await page.getByRole('heading', { level: 1, name: 'Estimate E1009' }).waitFor();
	await page.goBack();
	await Promise.all([
		page.waitForURL(/\/portal\/invoice\/10014$/),
		invoices.getByRole('link', { name: '10014', exact: true }).click(),
	]);
	await page.getByRole('heading', { level: 1, name: 'Invoice 10014' }).waitFor();
	assert.deepEqual(page.errors, []);
	await close(page);
	// A repair with a visit (job 7's) lists it and leads to the visits page.
	const visitPage = await newPage({ viewport: SMALL_PHONE });
	await visitPage.goto(secureLink(7));
	await visitPage.goto(base + '/portal/job/7');
	const visits = visitPage.locator('section[aria-labelledby="job-visits"]');
	const [visit] = cliJson('preview', '7', 'job', '7').job.appointments;
	assert.match(await visits.locator('article').first().innerText(), new RegExp(visit.status_label));
	await fitsWidth(visitPage);
	await Promise.all([
		visitPage.waitForURL(/\/portal\/appointments$/),
		visits.getByRole('link', { name: 'All your visits' }).click(),
	]);
	await visitPage.getByRole('heading', { level: 1, name: 'Visits' }).waitFor();
	assert.deepEqual(visitPage.errors, []);
	await close(visitPage);
});

test('a change the customer asks for shows on the profile as waiting', { timeout: SCENARIO_MS }, async () => {
	const page = await newPage();
	await lookUp(page, '10014', '63');
	await page.goto(base + '/portal/profile');
	assert.equal(await page.getByRole('heading', { name: 'Waiting for the shop' }).count(), 0);
	await page.getByLabel('Email').fill('ayse.yilmaz@example.org');
	await Promise.all([
		page.waitForURL(/\/portal\/profile\?done=profile$/),
		page.getByRole('button', { name: 'Send my change' }).click(),
	]);
	const waiting = page.locator('section[aria-labelledby="pending-title"]');
	await page.getByRole('heading', { level: 2, name: 'Waiting for the shop' }).waitFor();
	const text = await waiting.innerText();
	assert.match(text, /Change of details/);
	assert.match(text, /Pending/);
	assert.match(text, /Email\s+ayse\.yilmaz@example\.org/);
	// The shop sees the same request open.
	const open = cliJson('requests', 'list', '--client', '9');
	assert.equal(open.length, 1);
	assert.equal(await waiting.locator('article').count(), open.length);
	await fitsWidth(page);
	assert.deepEqual(page.errors, []);
	await close(page);
});

test('the customer downloads an invoice as a PDF', { timeout: SCENARIO_MS }, async () => {
	const page = await newPage();
	await lookUp(page, '10014', '63');
	await (await menuLink(page, 'Invoices')).click();
	await page.getByRole('link', { name: /10014/ }).first().click();
	await page.waitForURL(/\/portal\/invoice\/10014$/);
	// The tax amount stands in the column of amounts, on the line of its
	// label, at a phone's width and a small phone's.
	for (const viewport of [PHONE, SMALL_PHONE]) {
		await page.setViewportSize(viewport);
		const row = (term) => page.locator('dl.totals').first().locator('div')
			.filter({ has: page.locator('dt', { hasText: term }) });
		const amount = (term) => row(term).locator('dd').boundingBox();
		const label = await row(/^Tax/).locator('dt').boundingBox();
		const [sub, tax, total] = [await amount(/^Subtotal$/), await amount(/^Tax/), await amount(/^Total$/)];
		assert.ok(Math.abs(tax.x + tax.width - (sub.x + sub.width)) < 1 &&
			Math.abs(tax.x + tax.width - (total.x + total.width)) < 1, 'right-aligned with the others');
		assert.ok(Math.abs(tax.y - label.y) < 8, 'on the label\'s line');
		await fitsWidth(page);
	}
	await page.setViewportSize(PHONE);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Download the PDF' }).click(),
	]);
	assert.equal(download.suggestedFilename(), 'invoice-10014.pdf');
	const file = join(work, 'invoice-10014.pdf');
	await download.saveAs(file);
	assert.equal(readFileSync(file).subarray(0, 5).toString('latin1'), '%PDF-');
	const text = execFileSync('pdftotext', ['-q', file, '-'], { encoding: 'utf8', timeout: 20_000 });
	assert.match(text, /10014/);
	assert.match(text, /Ayşe Yılmaz/);
	assert.deepEqual(page.errors, []);
	await close(page);
});

test('the customer sends a chat message and sees it in the chat', { timeout: SCENARIO_MS }, async () => {
	const page = await newPage();
	await lookUp(page, '10014', '63');
	await (await menuLink(page, 'Chat')).click();
	await page.waitForURL(/\/portal\/chat$/);
	await page.getByLabel('Your message').fill('Is the sensor in stock? Thursday works for me.');
	await Promise.all([
		page.waitForURL(/\/portal\/chat\?done=sent$/),
		page.getByRole('button', { name: 'Send' }).click(),
	]);
	await page.getByText('Your message was sent.').waitFor();
	assert.match(await page.locator('#chat-messages').innerText(),
		/Is the sensor in stock\? Thursday works for me\./);
	assert.match(cli('chat', 'list', '9'), /Is the sensor in stock\? Thursday works for me\./);
	// The shop answers from its side; the customer sees it on the next look,
	// and once the page is in view its script marks the answer read.
	cli('chat', 'reply', '9', 'It is: Thursday 9 to 12 then.');
	assert.equal(unreadFromShop(9), 1);
	await page.goto(base + '/portal/chat');
	assert.match(await page.locator('#chat-messages').innerText(), /It is: Thursday 9 to 12 then\./);
	assert.match(await page.locator('#chat-news').innerText(), /1 new message from us\./);
	await eventually(() => unreadFromShop(9) === 0, 'the shop\'s answer marked read');
	await page.getByRole('button', { name: 'Mark as read' }).waitFor({ state: 'detached' });
	assert.deepEqual(page.errors, []);
	await close(page);
});

test('the pages name their icon, and /favicon.ico leads to it', { timeout: SCENARIO_MS }, async () => {
	const page = await newPage();
	await page.goto(base + '/');
	const href = await page.locator('link[rel="icon"]').getAttribute('href');
	assert.equal(href, '/static/icon.svg');
	for (const path of [href, '/favicon.ico']) {
		const answer = await page.request.get(base + path);
		assert.equal(answer.status(), 200, path);
		assert.ok(answer.url().endsWith('/static/icon.svg'), `${path} leads to ${answer.url()}`);
		assert.match(answer.headers()['content-type'], /^image\/svg\+xml/);
		assert.match(await answer.text(), /^<svg /);
	}
	// The browser draws it under the page's Content-Security-Policy.
	const width = await page.evaluate(async (src) => {
		const img = new Image();
		img.src = src;
		await img.decode();
		return img.naturalWidth;
	}, href);
	assert.ok(width > 0, 'the icon is drawn');
	await lookUp(page, '10003', '48');
	assert.equal(await page.locator('link[rel="icon"]').getAttribute('href'), href);
	assert.deepEqual(page.errors, []);
	await close(page);
});

// Every page of a customer's portal, found the way the customer finds
// them: from the overview, along the portal's own links (not the PDF and
// calendar downloads). The first page's URL is `start`.
async function crawl(page, start, limit = 60) {
	const seen = new Set([start]);
	const queue = [start];
	const pages = [];
	while (queue.length > 0 && pages.length < limit) {
		const path = queue.shift();
		const answer = await page.goto(base + path);
		assert.equal(answer.status(), 200, path);
		await fitsWidth(page);
		pages.push(path);
		const links = await page.locator('a[href^="/portal"]').evaluateAll((as) =>
			as.map((a) => a.getAttribute('href')));
		for (const link of links) {
			if (seen.has(link) || /\/(pdf|ics)$|[?#]/.test(link))
				continue;
			seen.add(link);
			queue.push(link);
		}
	}
	return pages;
}

// About 110 pages: longer than one scenario, still inside the run's cap.
test('no page scrolls sideways at 320, 390 or 1280 px', { timeout: 150_000 }, async () => {
	// Łukasz, with a visit to cancel, and Ayşe, with an estimate waiting.
	for (const [invoice, house] of [['10003', '48'], ['10014', '63']]) {
		let page = await newPage({ viewport: SMALL_PHONE });
		await page.goto(base + '/');
		await fitsWidth(page);
		await lookUp(page, invoice, house);
		const pages = await crawl(page, '/portal');
		console.log(`# ${pages.length} pages reached with invoice ${invoice}`);
		for (const needed of ['/portal', '/portal/appointments', '/portal/invoices', '/portal/chat',
			'/portal/profile', '/portal/access-log', '/portal/notifications'])
			assert.ok(pages.includes(needed), `${needed} was reached`);
		assert.ok(pages.some((p) => /^\/portal\/invoice\/[^/]+$/.test(p)), 'an invoice was reached');
		assert.ok(pages.some((p) => /^\/portal\/job\/\d+$/.test(p)), 'a repair was reached');
		if (invoice === '10003')
			assert.ok(pages.includes(`/portal/appointments/${cancelVisit}/cancel`), 'the cancel page');
		else
			assert.ok(pages.includes('/portal/estimate/E1009'), 'the estimate');
		assert.deepEqual(page.errors, []);
		// A page that is not there is one more page (its 404 is the one
		// error the browser reports).
		assert.equal((await page.goto(base + '/portal/invoice/99999')).status(), 404);
		await fitsWidth(page);
		await close(page);
		for (const viewport of [PHONE, DESKTOP]) {
			page = await newPage({ viewport });
			await lookUp(page, invoice, house);
			for (const path of pages) {
				await page.goto(base + path);
				await fitsWidth(page);
			}
			assert.deepEqual(page.errors, []);
			await close(page);
		}
	}
});

test('the customer cancels a visit after reading the late fee', { timeout: SCENARIO_MS }, async () => {
	const page = await newPage();
	await lookUp(page, '10003', '48');
	await (await menuLink(page, 'Visits')).click();
	await page.waitForURL(/\/portal\/appointments$/);
	await page.locator(`a[href="/portal/appointments/${cancelVisit}/cancel"]`).click();
	await page.waitForURL(new RegExp(`/portal/appointments/${cancelVisit}/cancel$`));
	// The page says which visit, and what cancelling costs, as the shop's
	// dry run of the same cancellation does.
	const dry = cliJson('appointment', 'cancel', String(cancelVisit), '--dry-run');
	const quote = await mainText(page);
	// The visit added above, 17:00 to 19:00 today, in words.
	assert.equal(dry.window_start.slice(0, 16), '2026-11-22T17:00');
	assert.equal(dry.window_end.slice(0, 16), '2026-11-22T19:00');
	assert.match(quote, /Date\s+Sun 22 Nov\n/);
	assert.match(quote, /Arrival window\s+5:00 pm\u20137:00 pm/);
	assert.ok(quote.includes(dry.address.line), 'the address of the visit');
	assert.match(quote, new RegExp(`Technician\\s+${dry.technician_name.split(' ')[0]}`));
	assert.equal(dry.cancellation.late, true);
	assert.ok(quote.includes(`Cancelling now costs $${dry.cancellation.fee_text}`),
		'the fee is shown before the customer confirms');
	assert.equal(await page.locator('#cancel-cost time').getAttribute('datetime'),
		dry.cancellation.free_until, 'and until when it was free');
	// The frame of every page: the navigation, the shop's contact below.
	const nav = page.getByRole('navigation', { name: 'Portal' });
	assert.ok(await (await menuLink(page, 'Chat')).isVisible());
	assert.equal(await nav.getByRole('link', { name: 'Visits' }).getAttribute('aria-current'), 'page');
	await nav.locator('summary').click();
	assert.match(await page.locator('footer').innerText(), /Questions\? Call 866-415-3937/);
	// The way back first; the red button that cancels far from it.
	const keep = page.getByRole('link', { name: 'Keep my visit' });
	const cancel = page.getByRole('button', { name: `Cancel the visit and pay $${dry.cancellation.fee_text}` });
	const [k, c] = [await keep.boundingBox(), await cancel.boundingBox()];
	assert.ok(c.y - (k.y + k.height) >= 32, `${c.y - (k.y + k.height)} px between the two buttons`);
	assert.ok(k.height >= 44 && c.height >= 44, 'both are a thumb high');
	const [red, green, blue] = (await cancel.evaluate((b) => getComputedStyle(b).backgroundColor))
		.match(/\d+/g).map(Number);
	assert.ok(red > 120 && green < 80 && blue < 80, `the cancel button is red: ${red},${green},${blue}`);
	assert.notEqual(await keep.evaluate((a) => getComputedStyle(a).backgroundColor),
		await cancel.evaluate((b) => getComputedStyle(b).backgroundColor));
	await fitsWidth(page);
	await shoot(page, 'cancel');
	await page.setViewportSize(DESKTOP);
	const [kd, cd] = [await keep.boundingBox(), await cancel.boundingBox()];
	assert.ok(cd.x - (kd.x + kd.width) >= 64, 'on a desktop the two stand far apart on one line');
	await shoot(page, 'cancel');
	await page.setViewportSize(PHONE);
	assert.match(cli('appointment', 'show', String(cancelVisit)), /Scheduled/,
		'reading the fee changes nothing');
	await Promise.all([
		page.waitForURL(/\/portal\/appointments\?done=cancelled$/),
		cancel.click(),
	]);
	assert.match(await mainText(page), /cancelled/i);
	const shown = cli('appointment', 'show', String(cancelVisit));
	assert.match(shown, /Cancelled/);
	assert.deepEqual(page.errors, []);
	await close(page);
});

test('with JavaScript off the lookup and a form still work', { timeout: SCENARIO_MS }, async () => {
	const page = await newPage({ javaScriptEnabled: false });
	await lookUp(page, '10014', '63', 'tech');
	await page.getByRole('heading', { level: 1, name: 'Your technician' }).waitFor();
	await page.goto(base + '/portal/chat');
	await page.getByLabel('Your message').fill('Sent without JavaScript.');
	await Promise.all([
		page.waitForURL(/\/portal\/chat\?done=sent$/),
		page.getByRole('button', { name: 'Send' }).click(),
	]);
	assert.match(await page.locator('#chat-messages').innerText(), /Sent without JavaScript\./);
	assert.match(cli('chat', 'list', '9'), /Sent without JavaScript\./);
	// Without the script, reading marks nothing: the button does, and
	// only from the page's own form.
	cli('chat', 'reply', '9', 'Answered while the script was off.');
	await page.goto(base + '/portal/chat');
	assert.match(await page.locator('#chat-news').innerText(), /1 new message from us\./);
	// The new answer says so in words, beside the shop's name.
	const fresh = page.locator('#chat-messages li.unread');
	assert.equal(await fresh.count(), 1);
	assert.match(await fresh.innerText(), /^New\b[^]*Answered while the script was off\./);
	assert.equal(unreadFromShop(9), 1, 'viewing the chat marks nothing read');
	for (const form of [{ up_to: '' }, { up_to: '', csrf: 'forged' }]) {
		const forged = await page.request.post(base + '/portal/chat/read', { form, maxRedirects: 0 });
		assert.equal(forged.status(), 403, 'a form without the page\'s CSRF token is refused');
	}
	assert.equal(unreadFromShop(9), 1, 'and changes nothing');
	await Promise.all([
		page.waitForURL(/\/portal\/chat\?done=read$/),
		page.getByRole('button', { name: 'Mark as read' }).click(),
	]);
	await page.getByText('Marked as read.').waitFor();
	assert.equal(unreadFromShop(9), 0);
	assert.equal(await page.getByRole('button', { name: 'Mark as read' }).count(), 0);
	await close(page);
});

test('screenshots of the main pages at phone and desktop width', { timeout: SCENARIO_MS }, async () => {
	for (const viewport of [PHONE, DESKTOP]) {
		let page = await newPage({ viewport });
		await page.goto(base + '/');
		await shoot(page, 'landing');
		await fitsWidth(page);
		await lookUp(page, '10014', '63');
		await shoot(page, 'dashboard');
		await fitsWidth(page);
		for (const [path, name] of [['/portal/invoice/10014', 'invoice'],
			['/portal/estimate/E1009', 'estimate'], ['/portal/chat', 'chat'],
			['/portal/appointments', 'appointments']]) {
			await page.goto(base + path);
			await shoot(page, name);
			await fitsWidth(page);
		}
		assert.deepEqual(page.errors, []);
		await close(page);
		page = await newPage({ viewport });
		await page.goto(secureLink(5));
		await page.goto(base + '/portal/tracking');
		await page.getByRole('img', { name: 'Where Marc is' }).waitFor();
		await shoot(page, 'tracking');
		await fitsWidth(page);
		await close(page);
	}
	for (const name of ['landing', 'dashboard', 'invoice', 'estimate', 'chat', 'appointments',
		'tracking', 'cancel'])
		for (const width of ['phone', 'desktop'])
			assert.ok(existsSync(join(shots, `${name}-${width}.png`)), `${name}-${width}.png`);
	console.log(`# screenshots in ${shots}`);
});

test('portal serve stops cleanly, and portal.cgi left no sanitizer report', { timeout: 30_000 }, async () => {
	await browser.close();
	browser = null;
	assert.equal(await stopServer(), 0, 'portal serve ends with status 0 on SIGTERM');
	const reports = existsSync(asanDir) ? readdirSync(asanDir) : [];
	for (const r of reports)
		console.log(readFileSync(join(asanDir, r), 'utf8').slice(0, 3000));
	assert.deepEqual(reports, []);
});
