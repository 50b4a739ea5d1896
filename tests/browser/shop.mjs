// shop.mjs - the shop a browser test runs on: a SQLite file in the
// test's directory, or with PORTAL_TEST_PG (tests/pg_env.sh) a shop of
// its own on that PostgreSQL database. What comes back goes before the
// command of every `portal` the test runs (`portal serve` included).
import { join } from 'node:path';

export function shopTarget(work, name) {
	const pg = process.env.PORTAL_TEST_PG;
	return pg ? ['--db', pg, '--shop', `${name}${process.pid}`] :
		['--db', join(work, 'portal.db')];
}
