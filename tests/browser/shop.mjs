// SPDX-License-Identifier: MIT
// shop.mjs - the shop and the server a browser test runs on.
//
// shopTarget(): a SQLite file in the test's directory, or with
// PORTAL_TEST_PG (tests/pg_env.sh) a shop of its own on that PostgreSQL
// database. What comes back goes before the command of every `portal`
// the test runs (`portal serve` included).
//
// servePortal(): `portal serve` on a free port of 127.0.0.1, a process
// group of its own, with start() (the base URL once it listens), stop()
// (SIGTERM, as Ctrl-C would; its exit status, or null when it had to be
// killed with the lighttpd it started) and stopNow(), the last resort
// when a run is cut short.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function shopTarget(work, name) {
	const pg = process.env.PORTAL_TEST_PG;
	return pg ? ['--db', pg, '--shop', `${name}${process.pid}`] :
		['--db', join(work, 'portal.db')];
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function servePortal({ portal, cgi, staticDir, target, env }) {
	let server = null;

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

	async function start() {
		const port = await freePort();
		let stderr = '';
		server = spawn(portal, ['serve', '--port', String(port), ...target, '--cgi', cgi,
			'--static', staticDir], { env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
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
	async function stop() {
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

	return { start, stop, stopNow };
}

// browserRun(): what every browser test sets up before its first test.
// The programs from the command line (`node SCRIPT PORTAL_BINARY
// PORTAL_CGI`), playwright-core, a temporary directory `work` with the
// shop's `target` in it, the environment with the demo's clock (and, with
// `sanitizer`, portal.cgi's sanitizer reports kept in `asanDir`), the CLI
// on the shop (cli(), cliJson()), the server (startServer(), stopServer())
// stopped and the directory removed however the run ends, a cap on the
// whole run, and launchBrowser() for Debian's headless Chromium.
export const DEMO_NOW = '2026-11-22T15:00:00Z';   // Sunday 10:00 in Toronto

export async function browserRun({ script, name, totalCapMs = 240_000, sanitizer = false }) {
	const [portal, cgi] = process.argv.slice(2);
	if (!portal || !cgi) {
		console.error(`usage: node ${script} PORTAL_BINARY PORTAL_CGI`);
		process.exit(2);
	}
	let chromium;
	try {
		({ chromium } = await import('playwright-core'));
	} catch {
		console.error('playwright-core is missing: run scripts/setup-deps (npm ci in tests/browser)');
		process.exit(1);
	}
	const here = dirname(fileURLToPath(import.meta.url));
	const work = mkdtempSync(join(tmpdir(), `portal-${name}-`));
	const target = shopTarget(work, name);
	const asanDir = join(work, 'asan');
	const env = { ...process.env, PORTAL_NOW: DEMO_NOW };
	delete env.PORTAL_DB;
	if (sanitizer) {
		mkdirSync(asanDir);
		for (const v of ['ASAN_OPTIONS', 'UBSAN_OPTIONS']) {
			if (env[v])
				env[v] += ':log_path=' + join(asanDir, v.toLowerCase());
		}
	}
	const cli = (...args) => execFileSync(portal, [...target, ...args],
		{ env, encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] });
	const { start, stop, stopNow } = servePortal({ portal, cgi,
		staticDir: join(here, '..', '..', 'cgi', 'static'), target, env });
	process.on('exit', () => {
		stopNow();
		rmSync(work, { recursive: true, force: true });
	});
	for (const sig of ['SIGINT', 'SIGTERM'])
		process.on(sig, () => { stopNow(); process.exit(1); });
	setTimeout(() => {
		console.error(`the run took more than ${totalCapMs / 1000} s: stopped`);
		stopNow();
		process.exit(1);
	}, totalCapMs).unref();
	return {
		portal, work, target, env, asanDir, cli,
		cliJson: (...args) => JSON.parse(cli('--json', ...args)),
		startServer: start, stopServer: stop,
		launchBrowser: () => chromium.launch({
			executablePath: process.env.PORTAL_CHROMIUM || '/usr/bin/chromium',
			headless: true,
			timeout: 30_000,
			args: ['--disable-gpu', '--disable-quic', '--no-first-run',
				'--disable-background-networking', '--disable-component-update',
				'--disable-sync', '--disable-dev-shm-usage',
				...(process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [])],
		}),
	};
}
