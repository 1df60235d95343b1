// Glue for our endpoints: async handlers whose errors reach Express (and Directus' error format),
// a rule context built from the request, and zod-validated bodies.
import type { Request, Response, NextFunction } from 'express';
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import { actorOf } from './actor';
import type { RuleContext } from './context';
import { translateError } from './errors';

// The bundler drops zod's default (English) messages as a side effect; set them explicitly.
z.config(z.locales.en());

export type EndpointContext = { services: any; database: any; getSchema: any };

export const route =
	(fn: (req: Request, res: Response) => Promise<unknown>) =>
	(req: Request, res: Response, next: NextFunction) =>
		fn(req, res).catch((e) => next(translateError(e)));

export function requestContext(ext: EndpointContext, req: Request): RuleContext {
	const accountability = (req as any).accountability ?? null;
	if (!accountability?.user) throw new DomainError('FORBIDDEN', 'Log in first', 403);
	return { db: ext.database, accountability, schema: (req as any).schema, actor: actorOf(accountability), services: ext.services, getSchema: ext.getSchema };
}

/** Parses input strictly: unknown fields are refused, not ignored. */
export function parseInput<T extends z.ZodTypeAny>(schema: T, input: unknown): z.infer<T> {
	return schema.parse(input ?? {});
}
