// Nothing is served until the setup step has finished on this database (schema, access, rules, demo
// data): a request in that window gets 503 with a clear message instead of a 500 from a half-built
// schema. The setup step itself passes with a token derived from SECRET; /server/ping always answers
// (it says "the process is up"); /salesflow/health and /server/health say whether Salesflow is ready.
import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { SETUP_HEADER, setupFingerprint, setupToken } from '../../../../schema/fingerprint';

const RECHECK_MS = 1_000;

export type Readiness = { ready: () => Promise<boolean>; middleware: (req: Request, res: Response, next: NextFunction) => void };

/** `beforeServing` runs before each request once ready (keeping the settings current). */
export function readiness(db: Knex, secret: string, beforeServing: () => Promise<void>): Readiness {
	const expected = setupFingerprint();
	const token = setupToken(secret);
	let ready = false;
	let checkedAt = 0;
	let checking: Promise<boolean> | null = null;
	// Bumped when a setup request has finished here: the next request looks again at once.
	let setupWrites = 0;

	const check = async (): Promise<boolean> => {
		try {
			const row = await db('salesflow_settings').first('setup_fingerprint');
			return row?.setup_fingerprint === expected;
		} catch {
			return false; // no settings table yet: the schema is still being built
		}
	};
	const isReady = (): Promise<boolean> => {
		if (ready) return Promise.resolve(true);
		if (checking !== null) return checking;
		if (Date.now() - checkedAt < RECHECK_MS) return Promise.resolve(false);
		const writes = setupWrites;
		checking = check().then((r) => {
			ready = r;
			if (writes === setupWrites) checkedAt = Date.now();
			checking = null;
			return r;
		});
		return checking;
	};

	const notReady = (req: Request, res: Response) => {
		res.status(503).set('retry-after', '5');
		if (req.path === '/server/health')
			return res.json({ status: 'error', checks: { 'salesflow:setup': [{ status: 'error', output: 'setup has not finished' }] } });
		if (req.path.startsWith('/admin') && req.accepts('html')) {
			return res
				.type('html')
				.send(
					'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Salesflow</title><p>Salesflow 正在初始化，请稍候… / Salesflow is setting up, please wait…</p>',
				);
		}
		return res.json({
			errors: [
				{
					message: 'Salesflow is still setting up (schema, access, demo data); try again in a few seconds',
					extensions: { code: 'SERVICE_UNAVAILABLE' },
				},
			],
		});
	};

	return {
		ready: isReady,
		middleware: (req, res, next) => {
			if (req.path === '/server/ping') return next();
			if (req.get(SETUP_HEADER) === token) {
				res.on('finish', () => {
					setupWrites++;
					checkedAt = 0;
				});
				return next();
			}
			isReady()
				.then(async (r) => {
					if (!r) notReady(req, res);
					else if (req.path === '/salesflow/health') res.json({ data: { ready: true } });
					else {
						await beforeServing();
						next();
					}
				})
				.catch(next);
		},
	};
}
