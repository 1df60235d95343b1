// Glue for our endpoints: async handlers whose errors reach Express (and Directus' error format),
// a rule context built from the request, and zod-validated bodies.
import type { ApiExtensionContext } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import { dataCachePurger } from './cache';
import { actorOf, type RuleContext } from './context';
import { translateError } from './errors';

// The bundler drops zod's default (English) messages as a side effect; set them explicitly.
z.config(z.locales.en());

export type EndpointContext = ApiExtensionContext;

export const route = (fn: (req: Request, res: Response) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) =>
	fn(req, res).catch((e) => next(translateError(e)));

/**
 * Router middleware: a write route answers only after Directus' data cache is purged, so the
 * caller's next read (on any replica) sees what the route wrote with SQL.
 */
export function purgeCacheOnWrite(
	router: { use: (fn: (req: Request, res: Response, next: NextFunction) => void) => void },
	ext: EndpointContext,
): void {
	const purge = dataCachePurger(ext);
	router.use((req, res, next) => {
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			const json = res.json.bind(res);
			res.json = (body: unknown) => {
				if (res.statusCode >= 400) return json(body);
				purge().then(
					() => json(body),
					() => json(body),
				);
				return res;
			};
		}
		next();
	});
}

/** What Directus' authentication and schema middleware put on every request. */
type DirectusRequest = Request & Pick<RuleContext, 'accountability' | 'schema'>;

export function requestContext(ext: EndpointContext, req: Request): RuleContext {
	const { accountability, schema } = req as DirectusRequest;
	if (!accountability?.user) throw new DomainError('FORBIDDEN', 'Log in first', 403);
	return { db: ext.database, accountability, schema, actor: actorOf(accountability), services: ext.services, getSchema: ext.getSchema };
}

/** The query string without Directus' own auth parameter; a repeated parameter is refused by zod (not a string). */
export function queryOf(req: Request): Record<string, unknown> {
	const { access_token: _token, ...rest } = req.query as Record<string, unknown>;
	return rest;
}

/**
 * Parses input strictly: unknown fields are refused, not ignored. `field` names a single value
 * (a path id, one query parameter) in the message, which would otherwise only say "body".
 */
export function parseInput<T extends z.ZodTypeAny>(schema: T, input: unknown, field?: string): z.infer<T> {
	const parsed = schema.safeParse(input ?? {});
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0]!;
	const path = [...(field ? [field] : []), ...issue.path].join('.') || 'body';
	throw new DomainError('INVALID_PAYLOAD', `Invalid payload: ${path}: ${issue.message}`, 400, { field: path });
}
