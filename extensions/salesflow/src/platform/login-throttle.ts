// Login throttling on the wire (rules in domain/login-throttle.ts): POST /auth/login[/provider] is
// checked per client address and per account before Directus sees it, and answered 429
// REQUESTS_EXCEEDED with Retry-After when throttled. An attempt is counted as a failure when it
// starts (so parallel bursts cannot slip through) and taken back once its response shows it was
// not one (anything but 401). Password logins that do not come through this route (GraphQL
// auth_login, WebSocket email/password) are refused.
import { AsyncLocalStorage } from 'node:async_hooks';
import { InvalidCredentialsError, ServiceUnavailableError } from '@directus/errors';
import type { NextFunction, Request, Response } from 'express';
import { Redis } from 'ioredis';
import { DomainError } from '../domain/errors';
import {
	accountKey,
	accountWithFailure,
	addressWithFailure,
	type Failures,
	LOGIN_LIMITS,
	type LoginLimits,
	verdict,
	withoutFailure,
} from '../domain/login-throttle';
import { toDirectusError } from './errors';

/** Failure lists by key; `change` runs on the current list and its result is stored atomically. */
export interface FailureStore {
	update(key: string, change: (current: Failures) => number[], ttlMs: number): Promise<void>;
}

/** One process: a map with expiry, swept when it grows. */
export function memoryFailures(now: () => number = Date.now): FailureStore {
	const entries = new Map<string, { failures: number[]; expires: number }>();
	return {
		async update(key, change, ttlMs) {
			const t = now();
			if (entries.size > 10_000) for (const [k, e] of entries) if (e.expires <= t) entries.delete(k);
			const current = entries.get(key);
			const next = change(current && current.expires > t ? current.failures : []);
			if (next.length) entries.set(key, { failures: next, expires: t + ttlMs });
			else entries.delete(key);
		},
	};
}

/** Several instances: Redis, with an optimistic transaction (WATCH) per change; keys under `namespace`. */
export function redisFailures(redis: Redis, namespace: string): FailureStore {
	// WATCH belongs to the connection: one change at a time on it, or transactions would mix.
	let queue: Promise<unknown> = Promise.resolve();
	const change = async (name: string, fn: (current: Failures) => number[], ttlMs: number) => {
		const key = `${namespace}:${name}`;
		for (let attempt = 0; attempt < 20; attempt++) {
			await redis.watch(key);
			const raw = await redis.get(key);
			const next = fn(raw ? (JSON.parse(raw) as number[]) : []);
			const tx = redis.multi();
			if (next.length) tx.set(key, JSON.stringify(next), 'PX', ttlMs);
			else tx.del(key);
			if ((await tx.exec()) !== null) return; // null: another instance changed the key meanwhile
		}
		throw new Error(`login throttle: ${key} kept changing under 20 attempts`);
	};
	return {
		update(key, fn, ttlMs) {
			const run = queue.then(() => change(key, fn, ttlMs));
			queue = run.catch(() => {});
			return run;
		},
	};
}

const LOGIN = /^\/auth\/login(\/[^/]+)?\/?$/i;
const GRAPHQL_SYSTEM = /^\/graphql\/system\/?$/i;
const GRAPHQL_LOGIN = /\bauth_login\b/;

type Logger = { warn: (msg: string) => void; error: (e: unknown, msg: string) => void };

export type LoginThrottle = {
	/** Express middleware, mounted where the JSON body is parsed (init 'routes.before'). */
	middleware: (req: Request, res: Response, next: NextFunction) => void;
	/** `auth.login` filter: a password login that did not pass the middleware is refused. */
	onlyThrottledLogins: <T>(payload: T) => T;
};

export function loginThrottle(
	store: FailureStore,
	logger: Logger,
	now: () => number = Date.now,
	limits: LoginLimits = LOGIN_LIMITS,
): LoginThrottle {
	const passed = new AsyncLocalStorage<true>();
	const addressKey = (ip: string) => `address:${ip}`;
	const accountStoreKey = (account: string) => `account:${account}`;

	/** Counts the attempt on both lists unless throttled; the refusal otherwise. */
	async function admit(ip: string, account: string | null, at: number): Promise<ReturnType<typeof verdict>> {
		let decision: ReturnType<typeof verdict> = { allowed: true };
		await store.update(
			addressKey(ip),
			(failures) => {
				decision = verdict(failures, [], at, limits);
				return decision.allowed ? addressWithFailure(failures, at, limits) : [...failures];
			},
			limits.addressWindowMs,
		);
		if (!decision.allowed || account === null) return decision;
		await store.update(
			accountStoreKey(account),
			(failures) => {
				decision = verdict([], failures, at, limits);
				return decision.allowed ? accountWithFailure(failures, at, limits) : [...failures];
			},
			limits.accountMemoryMs,
		);
		if (!decision.allowed) await store.update(addressKey(ip), (f) => withoutFailure(f, at), limits.addressWindowMs);
		return decision;
	}

	/** After the response: a success clears the account, anything but 401 was not a failure. */
	async function settle(ip: string, account: string | null, at: number, res: Response): Promise<void> {
		// A response cut off before it finished stays counted: aborting must not dodge the limit.
		if (!res.writableFinished || res.statusCode === 401) return;
		await store.update(addressKey(ip), (f) => withoutFailure(f, at), limits.addressWindowMs);
		if (account === null) return;
		const ok = res.statusCode < 300;
		await store.update(accountStoreKey(account), (f) => (ok ? [] : withoutFailure(f, at)), limits.accountMemoryMs);
	}

	async function throttle(req: Request, res: Response, next: NextFunction): Promise<void> {
		// req.ip follows IP_TRUST_PROXY: only a trusted proxy's X-Forwarded-For counts.
		const ip = String(req.ip ?? req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
		const account = accountKey(req.body?.email ?? req.body?.identifier);
		const at = now();
		let decision: ReturnType<typeof verdict>;
		try {
			decision = await admit(ip, account, at);
		} catch (e) {
			logger.error(e, 'salesflow: login throttle store failed');
			return next(new ServiceUnavailableError({ service: 'login throttle', reason: 'its store is unreachable' }));
		}
		if (!decision.allowed) {
			res.set('Retry-After', String(decision.retryAfterSeconds));
			return next(
				toDirectusError(new DomainError('REQUESTS_EXCEEDED', decision.message, 429, { retry_after: decision.retryAfterSeconds })),
			);
		}
		res.once('close', () => {
			settle(ip, account, at, res).catch((e) => logger.error(e, 'salesflow: login throttle could not record a login'));
		});
		passed.run(true, next);
	}

	return {
		middleware(req, res, next) {
			if (GRAPHQL_SYSTEM.test(req.path)) {
				const query = JSON.stringify(req.method === 'GET' ? req.query.query : req.body?.query) ?? '';
				if (GRAPHQL_LOGIN.test(query))
					return next(
						toDirectusError(
							new DomainError(
								'FORBIDDEN',
								'Password logins go through POST /auth/login (login throttling); GraphQL auth_login is disabled',
								403,
							),
						),
					);
			}
			if (req.method !== 'POST' || !LOGIN.test(req.path)) return next();
			void throttle(req, res, next);
		},
		onlyThrottledLogins(payload) {
			const withPassword = typeof payload === 'object' && payload !== null && 'password' in payload;
			if (withPassword && !passed.getStore()) {
				logger.warn('salesflow: a password login outside POST /auth/login (WebSocket, extension) was refused: logins are throttled there');
				// The same answer as for a wrong password, so this path tells nothing about the account.
				throw new InvalidCredentialsError();
			}
			return payload;
		},
	};
}

/**
 * Redis when REDIS is set (replicas share the counts), else this process's memory. Keys live under
 * SALESFLOW_LOGIN_NAMESPACE (default `salesflow:login`), like Directus' own *_NAMESPACE variables:
 * one per deployment sharing a Redis.
 */
export function failureStoreFor(env: Record<string, unknown>, logger: Logger): FailureStore {
	if (!env.REDIS) return memoryFailures();
	const redis = new Redis(String(env.REDIS));
	redis.on('error', (e) => logger.error(e, 'salesflow: login throttle Redis connection'));
	return redisFailures(redis, String(env.SALESFLOW_LOGIN_NAMESPACE ?? 'salesflow:login'));
}
