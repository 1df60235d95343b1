import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { loginThrottle, memoryFailures } from './login-throttle';

const logger = { warn: () => {}, error: () => {} };

type FakeRes = EventEmitter & {
	statusCode: number;
	writableFinished: boolean;
	headers: Record<string, string>;
	set: (k: string, v: string) => void;
};

function fakeRes(): FakeRes {
	const res = new EventEmitter() as FakeRes;
	res.statusCode = 200;
	res.writableFinished = false;
	res.headers = {};
	res.set = (k, v) => {
		res.headers[k.toLowerCase()] = v;
	};
	return res;
}

/** Sends one request through the middleware; resolves with what it passed to next() (undefined: let through). */
function send(mw: ReturnType<typeof loginThrottle>['middleware'], req: Partial<Request>, res = fakeRes()) {
	return new Promise<{ error: any; res: FakeRes; inside: boolean }>((resolve) => {
		const next = ((error?: unknown) => resolve({ error, res, inside: true })) as NextFunction;
		mw({ method: 'POST', path: '/auth/login', ip: '198.51.100.1', body: {}, ...req } as Request, res as unknown as Response, next);
	});
}

/** The response Directus gives, then the socket closes. */
const finish = (res: FakeRes, status: number) => {
	res.statusCode = status;
	res.writableFinished = true;
	res.emit('close');
};
const settled = () => new Promise((r) => setTimeout(r, 0));

describe('login throttle middleware (memory store)', () => {
	it('lets exactly 20 of a parallel burst through: attempts count before their answers', async () => {
		const t = loginThrottle(memoryFailures(), logger, () => 1_000_000);
		const results = await Promise.all(Array.from({ length: 25 }, (_, i) => send(t.middleware, { body: { email: `u${i}@x.example.com` } })));
		expect(results.filter((r) => r.error === undefined)).toHaveLength(20);
		const refused = results.filter((r) => r.error !== undefined);
		expect(refused.map((r) => [r.error.status, r.error.code, r.res.headers['retry-after']])).toEqual(
			Array(5).fill([429, 'REQUESTS_EXCEEDED', '900']),
		);
	});

	it('takes back attempts that were not failures: a success clears the account, a 400 counts for nothing', async () => {
		let now = 0;
		const t = loginThrottle(
			memoryFailures(() => now),
			logger,
			() => now,
		);
		const attempt = async (status: number) => {
			now += 1000;
			const r = await send(t.middleware, { body: { email: 'a@x.example.com' } });
			if (r.error === undefined) finish(r.res, status);
			await settled();
			return r.error?.status ?? 'through';
		};
		for (let i = 0; i < 4; i++) expect(await attempt(401)).toBe('through');
		expect(await attempt(200)).toBe('through'); // the 5th would have locked: the success cleared the 4
		for (let i = 0; i < 10; i++) expect(await attempt(400)).toBe('through');
		for (let i = 0; i < 5; i++) expect(await attempt(401)).toBe('through');
		expect(await attempt(200)).toBe(429);
	});

	it('keeps an attempt whose response was cut off counted', async () => {
		let now = 0;
		const t = loginThrottle(
			memoryFailures(() => now),
			logger,
			() => now,
		);
		for (let i = 0; i < 5; i++) {
			now += 1000;
			const r = await send(t.middleware, { body: { email: 'b@x.example.com' } });
			r.res.emit('close'); // client went away before the answer
			await settled();
		}
		now += 1000;
		expect((await send(t.middleware, { body: { email: 'B@x.example.com' } })).error.status).toBe(429);
	});

	it('leaves other routes alone and refuses GraphQL auth_login', async () => {
		const t = loginThrottle(memoryFailures(), logger);
		expect((await send(t.middleware, { path: '/auth/refresh' })).error).toBeUndefined();
		expect((await send(t.middleware, { method: 'GET', path: '/auth/login/openid' })).error).toBeUndefined();
		const gql = await send(t.middleware, {
			path: '/graphql/system',
			body: { query: 'mutation { me: auth_login(email: "a", password: "b") { access_token } }' },
		});
		expect([gql.error.status, gql.error.code]).toEqual([403, 'FORBIDDEN']);
		expect((await send(t.middleware, { path: '/graphql/system', body: { query: 'mutation { auth_logout }' } })).error).toBeUndefined();
	});

	it('refuses password logins that did not come through the middleware, like a wrong password', async () => {
		const t = loginThrottle(memoryFailures(), logger);
		expect(() => t.onlyThrottledLogins({ email: 'a', password: 'b' })).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIALS' }));
		expect(t.onlyThrottledLogins({ code: 'sso' })).toEqual({ code: 'sso' });
		const inside = await new Promise<unknown>((resolve) => {
			t.middleware(
				{ method: 'POST', path: '/auth/login', ip: '198.51.100.2', body: { email: 'c@x.example.com' } } as Request,
				fakeRes() as unknown as Response,
				(() => resolve(t.onlyThrottledLogins({ email: 'c', password: 'd' }))) as NextFunction,
			);
		});
		expect(inside).toEqual({ email: 'c', password: 'd' });
	});
});
