// SPDX-License-Identifier: MIT
// ways_in.test.mjs - every message the shop sends a client is a way in.
//
// The demo shop behind `portal serve` in Debian's headless Chromium, as
// portal.test.mjs starts it. A new client without any invoice gets each
// kind of automatic message (visit booked, technician on the way, visit
// reminder, estimate ready, invoice ready, the shop's answer in the
// chat); the test reads each from the outbox with `portal outbox show`,
// follows its link as the customer would, and checks the page it lands
// on. Then the message is delivered, and the outbox keeps no token. A
// revoked link's page sends a fresh one, read from the outbox and
// followed too.
//
//     node ways_in.test.mjs PORTAL_BINARY PORTAL_CGI
//
// PORTAL_CHROMIUM names the browser (default /usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { browserRun } from './shop.mjs';

const STEP_MS = 20_000;         // one click, one page, one download
const SCENARIO_MS = 90_000;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const SMALL_PHONE = { width: 320, height: 568 };

const run = await browserRun({ script: 'ways_in.test.mjs', name: 'waysin',
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

// The newest message of `kind` for `recipient`, as `portal outbox show`
// prints it, and the page its link opens on this server.
function messageLink(kind, recipient) {
	const list = cliJson('outbox', 'list');
	const m = list.find((x) => x.kind === kind && x.recipient === recipient);
	assert.ok(m, `a ${kind} message for ${recipient} in the outbox`);
	const text = cli('outbox', 'show', String(m.id));
	const link = text.match(/https?:\/\/[^/\s]+(\/k\/[A-Za-z0-9_-]{43}(?:\/[A-Za-z0-9_/-]*)?)/);
	assert.ok(link, `the ${kind} message carries a link: ${text.slice(-400)}`);
	return { id: m.id, url: base + link[1], text };
}

async function follow(kind, recipient, landing, heading) {
	const { url } = messageLink(kind, recipient);
	const page = await newPage();
	await page.goto(url);
	assert.equal(new URL(page.url()).pathname, landing, `${kind} lands on ${landing}`);
	await page.getByRole('heading', { level: 1, name: heading }).waitFor();
	// The token left the address bar.
	assert.doesNotMatch(page.url(), /\/k\//);
	assert.deepEqual(page.errors, []);
	return page;
}

const EMAIL = 'wes@example.com';
let client = 0;
let job = 0;

before(async () => {
	cli('demo');
	cli('shop', 'set', 'email', 'shop@fixit.example');
	cli('shop', 'set', 'sendmail_path', '/bin/true');
	client = cliJson('client', 'add', 'Wes Ways', '--email', EMAIL).id;
	cli('address', 'add', String(client), '--house', '77', '--street', 'Harbord St',
		'--city', 'Toronto');
	job = cliJson('job', 'add', String(client), '--problem', 'Fridge hums').id;
	base = await startServer();
	browser = await run.launchBrowser();
}, { timeout: 60_000 });

after(async () => {
	if (browser)
		await browser.close().catch(() => {});
	await stopServer();
	rmSync(work, { recursive: true, force: true });
}, { timeout: 30_000 });

test('each automatic message opens its own page of the job', { timeout: 150_000 }, async () => {
	// A visit today, booked: its confirmation leads to the visits.
	const visit = cliJson('appointment', 'add', String(client), '--start', '2026-11-22 13:00',
		'--end', '2026-11-22 15:00', '--job', String(job), '--tech', '1').id;
	let page = await follow('appointment_booked', EMAIL, '/portal/appointments', /visits/i);
	assert.match(await page.locator('main').innerText(), /Harbord St|13:00/);
	await page.context().close();

	// The technician on the way: the tracking page.
	cli('appointment', 'status', String(visit), 'en_route');
	page = await follow('on_my_way', EMAIL, '/portal/tracking', /technician/i);
	await page.context().close();

	// Tomorrow's visit's reminder: the visits again.
	cliJson('appointment', 'add', String(client), '--start', '2026-11-23 08:00',
		'--end', '2026-11-23 10:00', '--job', String(job));
	cli('outbox', 'remind');
	page = await follow('appointment_reminder', EMAIL, '/portal/appointments', /visits/i);
	await page.context().close();

	// The estimate to approve.
	const est = cliJson('estimate', 'add', String(client), '--job', String(job)).number;
	cli('estimate', 'line', est, 'labour', 'Replace the fan', '--price', '90');
	cli('estimate', 'send', est);
	page = await follow('estimate_ready', EMAIL, `/portal/estimate/${est}`, new RegExp(est));
	assert.match(await page.locator('main').innerText(), /Approve/);
	await page.context().close();

	// The invoice.
	const inv = cliJson('invoice', 'add', String(client), '--job', String(job)).number;
	cli('invoice', 'line', inv, 'labour', 'Fan replaced', '--price', '90');
	cli('invoice', 'issue', inv);
	page = await follow('invoice_ready', EMAIL, `/portal/invoice/${inv}`, new RegExp(inv));
	await page.context().close();

	// The shop's answer in the chat: the chat, for the whole client.
	cli('chat', 'reply', String(client), 'The part arrives Tuesday.');
	page = await follow('chat_reply', EMAIL, '/portal/chat', /chat|messages/i);
	assert.match(await page.locator('main').innerText(), /The part arrives Tuesday\./);
	await page.context().close();

	// Delivered, every message loses its token.
	cli('outbox', 'deliver');
	const left = cliJson('outbox', 'list').filter((m) => m.recipient === EMAIL)
		.map((m) => cli('outbox', 'show', String(m.id)))
		.filter((t) => /\/k\/[A-Za-z0-9_-]{43}/.test(t));
	assert.deepEqual(left, []);
});

test('a revoked link sends a fresh one that opens the job', { timeout: 90_000 }, async () => {
	const url = cli('access', 'link', String(client), '--job', String(job));
	const token = url.match(/\/k\/([A-Za-z0-9_-]{43})/)[1];
	const links = cliJson('access', 'list', String(client));
	cli('access', 'revoke', String(links[0].id));
	const page = await newPage();
	const answer = await page.goto(`${base}/k/${token}`);
	assert.equal(answer.status(), 404);
	assert.match(await page.locator('main').innerText(), /This link was withdrawn by the shop/);
	await Promise.all([
		page.waitForLoadState('load'),
		page.getByRole('button', { name: 'Send me a fresh link' }).click(),
	]);
	await page.getByText('If that link was one of ours, a fresh link is on its way to the ' +
		'email address or phone number we have on file for you.').waitFor();
	await page.context().close();
	const fresh = await follow('access_link', EMAIL, `/portal/job/${job}`, /./);
	await fresh.context().close();
});
