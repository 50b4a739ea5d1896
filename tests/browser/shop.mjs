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
import { spawn } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';

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
