// portal.test.mjs - the customer's portal in Debian's headless Chromium.
//
// The demo shop behind `portal serve` (lighttpd and portal.cgi on
// 127.0.0.1) with a fixed clock, driven by playwright-core the way a
// customer uses it: typing the invoice and house numbers, following the
// technician on the day of the visit, approving one estimate line,
// downloading an invoice, chatting, cancelling a visit after reading the
// fee, and the same lookup and a form with JavaScript off. After each
// form the portal CLI reads back what the database now holds. The main
// pages are photographed at phone and desktop width.
//
//     node portal.test.mjs PORTAL_BINARY PORTAL_CGI
//
// PORTAL_CHROMIUM names the browser (default /usr/bin/chromium);
// PORTAL_SCREENSHOTS=DIR keeps the screenshots there, otherwise they go
// to the test's temporary directory and are removed with it. Every step
// has a time limit and the whole run a cap; the server is always stopped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [PORTAL, CGI] = process.argv.slice(2);
const CHROMIUM = process.env.PORTAL_CHROMIUM || '/usr/bin/chromium';
const STATIC = join(here, '..', '..', 'cgi', 'static');
// Sunday 2026-11-22 10:00 in Toronto: the day of the demo's visit #1.
const NOW = '2026-11-22T15:00:00Z';
const TOTAL_CAP_MS = 240_000;   // below ctest's TIMEOUT, so cleanup runs
const STEP_MS = 20_000;         // one click, one page, one download
const SCENARIO_MS = 90_000;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

if (!PORTAL || !CGI) {
	console.error('usage: node portal.test.mjs PORTAL_BINARY PORTAL_CGI');
	process.exit(2);
}

let chromium;
try {
	({ chromium } = await import('playwright-core'));
} catch {
	console.error('playwright-core is missing: run scripts/setup-deps (npm ci in tests/browser)');
	process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'portal-browser-'));
const db = join(work, 'portal.db');
const asanDir = join(work, 'asan');
const shots = process.env.PORTAL_SCREENSHOTS || join(work, 'screenshots');
mkdirSync(asanDir);
mkdirSync(shots, { recursive: true });

const env = { ...process.env, PORTAL_NOW: NOW };
delete env.PORTAL_DB;
for (const name of ['ASAN_OPTIONS', 'UBSAN_OPTIONS']) {
	if (env[name])
		env[name] += ':log_path=' + join(asanDir, name.toLowerCase());
}

let server = null;       // `portal serve`, a process group of its own
let browser = null;
let base = '';

// ---- the server and the CLI -------------------------------------------------

function cli(...args) {
	return execFileSync(PORTAL, ['--db', db, ...args],
		{ env, encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] });
}

function cliJson(...args) {
	return JSON.parse(cli('--json', ...args));
}

function freePort() {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

function canConnect(port) {
	return new Promise((resolve) => {
		const c = createConnection({ host: '127.0.0.1', port });
		c.setTimeout(1000);
		c.once('connect', () => { c.destroy(); resolve(true); });
		c.once('error', () => resolve(false));
		c.once('timeout', () => { c.destroy(); resolve(false); });
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startServer() {
	const port = await freePort();
	let stderr = '';
	server = spawn(PORTAL, ['serve', '--port', String(port), '--db', db, '--cgi', CGI,
		'--static', STATIC], { env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
	server.stderr.on('data', (d) => { stderr += d; });
	server.exited = new Promise((r) => server.once('exit', (code) => r(code)));
	const deadline = Date.now() + 20_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null)
			throw new Error('portal serve ended: ' + stderr);
		if (await canConnect(port))
			return `http://localhost:${port}`;
		await sleep(100);
	}
	throw new Error('portal serve did not listen in time');
}

// SIGTERM, as Ctrl-C would; its exit status, or null when it had to be
// killed with the lighttpd it started.
async function stopServer() {
	if (server === null || server.exitCode !== null || server.signalCode !== null)
		return server ? server.exitCode : null;
	server.kill('SIGTERM');
	let timer;
	const code = await Promise.race([server.exited,
		new Promise((r) => { timer = setTimeout(() => r(undefined), 15_000); })]);
	clearTimeout(timer);
	if (code !== undefined)
		return code;
	try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
	await server.exited;
	return null;
}

// The last resort when the run is cut short: nothing may outlive it.
function stopNow() {
	if (server !== null && server.exitCode === null && server.signalCode === null) {
		try { process.kill(server.pid, 'SIGTERM'); } catch { /* already gone */ }
	}
}
process.on('exit', () => {
	stopNow();
	rmSync(work, { recursive: true, force: true });
});
for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, () => { stopNow(); process.exit(1); });
}
setTimeout(() => {
	console.error(`the run took more than ${TOTAL_CAP_MS / 1000} s: stopped`);
	stopNow();
	process.exit(1);
}, TOTAL_CAP_MS).unref();

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
	// The portal has no icon: the browser's own ask for /favicon.ico is
	// answered 404 by the web server, which is no fault of the page.
	page.on('console', (m) => {
		const url = m.location().url || '';
		if (m.type() === 'error' && !url.endsWith('/favicon.ico'))
			page.errors.push(`${m.text()} ${url}`.trim());
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

async function mainText(page) {
	return page.locator('main').innerText();
}

// Nothing sticks out sideways: the page never scrolls horizontally.
async function fitsWidth(page) {
	const [scroll, width] = await page.evaluate(() =>
		[document.documentElement.scrollWidth, window.innerWidth]);
	assert.ok(scroll <= width, `${page.url()} is ${scroll} px wide in a ${width} px window`);
}

async function shoot(page, name) {
	const { width } = page.viewportSize();
	const file = join(shots, `${name}-${width === PHONE.width ? 'phone' : 'desktop'}.png`);
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
		'--end', '2026-11-22 19:00', '--notes', 'Washer drains slowly');
	cancelVisit = Number(added.match(/appointment #(\d+)/)[1]);
	base = await startServer();
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		timeout: 30_000,
		// No network beyond this machine: keep Chromium from reaching out.
		args: ['--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update',
			'--disable-sync', '--disable-dev-shm-usage',
			...(process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [])],
	});
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
	assert.match(cli('audit', '--client', '2'), /127\.0\.0\.1 +#2 +lookup +ok +invoice 10003/);
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
	await page.getByRole('link', { name: 'Technician' }).first().click();
	await page.waitForURL(/\/portal\/tracking$/);
	await page.getByText('Marc is on the way.').waitFor();
	// What the customer reads is what the shop's CLI says of the visit.
	const track = cliJson('appointment', 'track', '1');
	assert.equal(await page.locator('#track-eta time').getAttribute('datetime'), track.eta_text);
	assert.equal(await page.locator('#track-eta').innerText(),
		track.eta_text.slice(0, 16).replace('T', ' '));
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
	await page.getByRole('link', { name: 'Estimates' }).first().click();
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

test('the customer downloads an invoice as a PDF', { timeout: SCENARIO_MS }, async () => {
	const page = await newPage();
	await lookUp(page, '10014', '63');
	await page.getByRole('link', { name: 'Invoices' }).first().click();
	await page.getByRole('link', { name: /10014/ }).first().click();
	await page.waitForURL(/\/portal\/invoice\/10014$/);
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
	await page.getByRole('link', { name: 'Chat' }).first().click();
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
	// The shop answers from its side; the customer sees it on the next look.
	cli('chat', 'reply', '9', 'It is: Thursday 9 to 12 then.');
	await page.goto(base + '/portal/chat');
	assert.match(await page.locator('#chat-messages').innerText(), /It is: Thursday 9 to 12 then\./);
	assert.deepEqual(page.errors, []);
	await close(page);
});

test('the customer cancels a visit after reading the late fee', { timeout: SCENARIO_MS }, async () => {
	const page = await newPage();
	await lookUp(page, '10003', '48');
	await page.getByRole('link', { name: 'Visits' }).first().click();
	await page.waitForURL(/\/portal\/appointments$/);
	await page.locator(`a[href="/portal/appointments/${cancelVisit}/cancel"]`).click();
	await page.waitForURL(new RegExp(`/portal/appointments/${cancelVisit}/cancel$`));
	const quote = await mainText(page);
	assert.match(quote, /\$60\.00/, 'the fee is shown before the customer confirms');
	await shoot(page, 'cancel');
	assert.match(cli('appointment', 'show', String(cancelVisit)), /Scheduled/,
		'reading the fee changes nothing');
	await Promise.all([
		page.waitForURL(/\/portal\/appointments\?done=cancelled$/),
		page.locator('main form button[type="submit"]').first().click(),
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
			['/portal/estimate/E1009', 'estimate'], ['/portal/chat', 'chat']]) {
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
	for (const name of ['landing', 'dashboard', 'invoice', 'estimate', 'chat', 'tracking'])
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
