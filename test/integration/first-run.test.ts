// A fresh database, as `npm start` meets it: while the setup step builds schema, access and settings,
// the server answers 503 with a message (never a 500), /salesflow/health says "not ready", and only
// once setup has finished does it serve — ready on /salesflow/health and /server/health.
import { afterAll, describe, expect, it } from 'vitest';
import { Instance, type Kind } from './faults';

const KIND: Kind = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
let fresh: Instance | undefined;
afterAll(() => fresh?.dispose());

describe('first run', () => {
	// Booting and setting up a database of its own takes minutes while the other files run.
	it('serves nothing but 503 until setup has finished, then is ready', { timeout: 600_000 }, async () => {
		fresh = await Instance.fresh(KIND, 'first_run', { SEED_DEMO: 'false' });
		const base = fresh.url;
		const probe = async (method: string, path: string, body?: unknown) => {
			const res = await fetch(`${base}${path}`, {
				method,
				headers: { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			return { path, status: res.status, body: await res.text() };
		};
		const probes = () =>
			Promise.all([
				probe('GET', '/salesflow/health'),
				probe('GET', '/server/health'),
				probe('GET', '/items/products'),
				probe('POST', '/auth/login', { email: fresh!.env.ADMIN_EMAIL, password: fresh!.env.ADMIN_PASSWORD }),
			]);

		const before = await probes();
		expect(before.map((r) => r.status)).toEqual([503, 503, 503, 503]);
		expect(before[0]!.body).toContain('SERVICE_UNAVAILABLE');
		expect((await probe('GET', '/server/ping')).status).toBe(200);

		const seen: Array<{ path: string; status: number; body: string }> = [];
		let done = false;
		const hammer = (async () => {
			while (!done) {
				seen.push(...(await probes()));
				await new Promise((r) => setTimeout(r, 50));
			}
		})();
		try {
			await fresh.setup();
		} finally {
			done = true;
			await hammer;
		}

		expect(seen.filter((r) => r.status >= 500 && r.status !== 503)).toEqual([]);
		expect(seen.some((r) => r.status === 503)).toBe(true);
		const after = await probes();
		expect(after.map((r) => [r.path, r.status])).toEqual([
			['/salesflow/health', 200],
			['/server/health', 200],
			['/items/products', 403],
			['/auth/login', 200],
		]);
		expect(JSON.parse(after[0]!.body)).toEqual({ data: { ready: true } });
	});
});
