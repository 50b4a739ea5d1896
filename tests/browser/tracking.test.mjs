// SPDX-License-Identifier: MIT
// tracking.test.mjs - the tracking page after its refresh, in Debian's
// headless Chromium.
//
// The demo shop behind `portal serve` with a fixed clock. The customer
// follows the technician; between two of the page's refreshes the shop
// moves the technician (`portal tech ping`) or sets the dispatcher's
// time. After each refresh every value the page shows (status, message,
// expected time and how it was set, where it falls against the window,
// both distances, the position's time and age, staleness, the window,
// the technician, the door code, the map's markers, scale and spoken
// description) must be the document the page polled, and the page must
// read exactly as the server draws it from that document on a fresh load
// (the clock is fixed, so the server's document does not change between
// the two).
//
//     node tracking.test.mjs PORTAL_BINARY PORTAL_CGI
//
// With PORTAL_TEST_PG (tests/pg_env.sh) the shop is a shop of that
// PostgreSQL database. PORTAL_CHROMIUM names the browser (default
// /usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { browserRun, sleep } from './shop.mjs';

const STEP_MS = 20_000;
const POLL_MS = 15_000;          // cgi/static/portal.js

const run = await browserRun({ script: 'tracking.test.mjs', name: 'tracking',
	totalCapMs: 200_000 });
const { cli, cliJson, work, startServer, stopServer } = run;
let browser = null;
let base = '';

before(async () => {
	cli('demo');
	// Marc set out at 09:40 for Siobhán's visit #1 (13:00-15:00).
	cli('appointment', 'status', '1', 'en_route', '--at', '2026-11-22 09:40');
	cli('tech', 'ping', '1', '43.6629', '-79.3957', '--at', '2026-11-22 09:46', '--accuracy', '30');
	base = await startServer();
	browser = await run.launchBrowser();
}, { timeout: 60_000 });

after(async () => {
	if (browser)
		await browser.close().catch(() => {});
	await stopServer();
	rmSync(work, { recursive: true, force: true });
}, { timeout: 30_000 });

// ---- what the page shows ----------------------------------------------------

// A moment as the page writes it ("Mon 7 Dec, 1:30 pm"): the document's
// "_words" twin, which must be written for people.
const DAY_TIME = /^[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}( \d{4})?, \d{1,2}:\d\d [ap]m$/;
const WINDOW = /^[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}( \d{4})?, \d{1,2}:\d\d( [ap]m)?\u2013\d{1,2}:\d\d [ap]m$/;
function words(v, key, shape = DAY_TIME) {
	const w = v[`${key}_words`];
	assert.match(w, shape, `${key} in words`);
	return w;
}

// Metres as the pages write them.
function distance(m) {
	if (m < 1000)
		return `${m} m`;
	return m % 1000 === 0 ? `${m / 1000} km` : `${(m / 1000).toFixed(1)} km`;
}

// Every value of the tracking page, read from its elements.
async function shown(page) {
	return page.evaluate(() => {
		const el = (id) => document.getElementById(id);
		const text = (id) => (el(id) ? el(id).textContent : null);
		const time = (id) => {
			const t = el(id) && el(id).querySelector('time');
			return t ? [t.getAttribute('datetime'), t.textContent] : null;
		};
		const attr = (id, name) => (el(id) ? el(id).getAttribute(name) : null);
		const badge = document.querySelector('#track-status .badge');
		return {
			badge: badge && badge.textContent, badgeClass: badge && badge.className,
			message: text('track-message'),
			eta: time('track-eta'), etaSource: text('track-eta-source'),
			etaWindow: text('track-eta-window'),
			distance: text('track-distance'), road: text('track-road'),
			updated: text('track-updated'), updatedAt: time('track-updated-at'),
			stale: el('track-stale') ? !el('track-stale').hidden : null,
			window: text('track-window'), tech: text('track-tech'),
			statusAt: time('track-status-at'), door: text('track-door'),
			mapTitle: text('map-title'), mapDesc: text('map-desc'),
			mapName: text('map-tech-name'), scale: text('map-scale-text'),
			scaleBar: attr('map-scale-bar', 'd'), techAt: attr('map-tech', 'transform'),
			homeAt: attr('map-home', 'transform'), accuracy: attr('map-accuracy', 'r'),
			route: ['x1', 'y1', 'x2', 'y2'].map((a) => attr('map-route', a)).join(' '),
			dataScale: attr('map', 'data-scale'),
			all: el('tracking').innerText,
		};
	});
}

// Each value against the document `v`.
function checkAgainst(s, v, when) {
	const name = v.technician.first_name;
	assert.equal(s.badge, v.status_label, `${when}: status`);
	assert.equal(s.badgeClass, `badge badge-${v.status}`, `${when}: status colour`);
	assert.equal(s.message, v.message, `${when}: message`);
	assert.deepEqual(s.eta, [v.eta_text, words(v, 'eta')], `${when}: expected time`);
	assert.equal(s.etaSource, v.eta_source === 'dispatcher' ? 'set by our dispatcher' :
		'estimated from the distance', `${when}: who expects it`);
	assert.equal(s.etaWindow, `(${v.eta_window_text})`, `${when}: against the window`);
	assert.equal(s.distance, `about ${distance(v.distance_m)}`, `${when}: straight distance`);
	assert.equal(s.road, `(about ${distance(v.road_distance_m)} by road)`, `${when}: road distance`);
	assert.equal(s.updated, `updated ${v.updated_minutes_ago} min ago`, `${when}: position age`);
	assert.deepEqual(s.updatedAt, [v.updated_at_text, words(v, 'updated_at')],
		`${when}: position time`);
	assert.equal(s.stale, v.stale, `${when}: stale`);
	assert.equal(s.window, words(v, 'window', WINDOW),
		`${when}: window`);
	assert.equal(s.tech, name, `${when}: technician`);
	assert.deepEqual(s.statusAt, [v.status_at_text, words(v, 'status_at')], `${when}: status time`);
	assert.equal(s.door, v.door_code, `${when}: door code`);
	assert.equal(s.mapTitle, `Where ${name} is`, `${when}: map title`);
	assert.equal(s.mapDesc, `${name} is about ${distance(v.distance_m)} from your home in a ` +
		`straight line, about ${distance(v.road_distance_m)} by road.`, `${when}: map description`);
	assert.equal(s.mapName, name, `${when}: marker`);
	assert.equal(s.accuracy !== null, v.position.accuracy_m > 0, `${when}: accuracy circle`);
}

// Let the page's timer run to its next poll, and return the document the
// poll fetched (passed through on its way to the page) once the page has
// used it.
async function refresh(page) {
	let polled = null;
	await page.route('**/api/v1/tracking', async (route) => {
		const answer = await route.fetch();
		polled = await answer.json();
		await route.fulfill({ response: answer, json: polled });
	});
	await page.clock.runFor(POLL_MS + 500);
	const deadline = Date.now() + 10_000;
	while (polled === null) {
		if (Date.now() > deadline)
			assert.fail('the page did not poll');
		await sleep(100);
	}
	await page.unroute('**/api/v1/tracking');
	// The page has drawn it when its distance says so.
	const want = `about ${distance(polled.visit.distance_m)}`;
	while ((await page.locator('#track-distance').textContent()) !== want) {
		if (Date.now() > deadline)
			assert.fail(`the page did not show ${want}`);
		await sleep(100);
	}
	return polled.visit;
}

// What the server draws of the same document on a fresh load.
async function fresh(context) {
	const page = await context.newPage();
	await page.goto(base + '/portal/tracking');
	const s = await shown(page);
	await page.close();
	return s;
}

test('after each refresh the tracking page is one document, the one it polled', { timeout: 150_000 }, async () => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 },
		locale: 'en-CA', timezoneId: 'America/Toronto' });
	context.setDefaultTimeout(STEP_MS);
	const page = await context.newPage();
	const errors = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
	await page.clock.install();
	const link = cli('access', 'link', '5').match(/\/k\/[A-Za-z0-9_-]{43}/)[0];
	await page.goto(base + link);
	await page.goto(base + '/portal/tracking');
	await page.getByText('Marc is on the way.').waitFor();
	const first = JSON.parse(cli('--json', 'appointment', 'track', '1'));
	checkAgainst(await shown(page), first, 'on load');
	// The page is never reloaded: a mark on its window stays.
	await page.evaluate(() => { window.portalKept = true; });

	const moves = [
		// Farther away, fresher: the map zooms out, the staleness goes.
		() => cli('tech', 'ping', '1', '43.7000', '-79.4200', '--at', '2026-11-22 09:53',
			'--accuracy', '80'),
		// Close by, without an accuracy: the map zooms in.
		() => cli('tech', 'ping', '1', '43.6560', '-79.3790', '--at', '2026-11-22 09:58'),
		// The dispatcher names a time within the window.
		() => cli('appointment', 'eta', '1', '2026-11-22 13:30'),
	];
	let before = await shown(page);
	for (const [i, move] of moves.entries()) {
		move();
		const v = await refresh(page);
		const now = await shown(page);
		const when = `after move ${i + 1}`;
		assert.equal(await page.evaluate(() => window.portalKept === true), true,
			`${when}: updated in place`);
		checkAgainst(now, v, when);
		// Exactly what the server draws of the same document.
		const server = await fresh(context);
		for (const key of Object.keys(server))
			assert.deepEqual(now[key], server[key], `${when}: ${key} as the server draws it`);
		if (i < 2)
			assert.notEqual(now.scale + now.techAt, before.scale + before.techAt,
				`${when}: the map moved`);
		before = now;
	}
	assert.equal(before.etaWindow, '(within your window)');
	assert.deepEqual(errors, []);
	await context.close();
});

test('on the visit day the overview leads with the visit and how to follow it', { timeout: 60_000 }, async () => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 },
		locale: 'en-CA', timezoneId: 'America/Toronto' });
	context.setDefaultTimeout(STEP_MS);
	const page = await context.newPage();
	const link = cli('access', 'link', '5').match(/\/k\/[A-Za-z0-9_-]{43}/)[0];
	await page.goto(base + link);
	await page.waitForURL(/\/portal$/);
	const doc = await (await page.request.get(base + '/api/v1/dashboard')).json();
	const v = doc.visit_today;
	assert.equal(v.technician_first_name, 'Marc');
	// The dispatcher's 13:30 in the 13:00-15:00 window, as the last test set it.
	assert.equal(v.eta_window, 'within');
	const today = page.locator('main section').first();
	assert.equal(await today.getAttribute('id'), 'visit-today', 'the visit comes first');
	const text = await today.innerText();
	assert.match(text, /Your visit today/);
	assert.match(text, /Technician\s+Marc/);
	assert.match(text, new RegExp(`Status\\s+${v.status_label}`));
	assert.equal(await page.locator('#today-eta time').getAttribute('datetime'), v.eta_text);
	assert.equal(await page.locator('#today-eta').innerText(), words(v, 'eta'));
	assert.equal(await page.locator('#today-eta-window').innerText(), '(within your window)');
	await page.getByRole('link', { name: 'Follow Marc' }).click();
	await page.waitForURL(/\/portal\/tracking$/);
	await page.getByText('Marc is on the way.').waitFor();
	await context.close();
});

test('portal serve stops cleanly', { timeout: 30_000 }, async () => {
	await browser.close();
	browser = null;
	assert.equal(await stopServer(), 0);
});
