// Oversized and malformed requests are refused before Directus walks them (domain/request-limits.ts
// says why): a JSON body over MAX_PAYLOAD_SIZE gets 413 (before it is read when it states its
// length), a query string or a JSON body nested too deep or too wide gets 400, and so does an
// `_in`/`_nin` list longer than 1,000.
import type { NextFunction, Request, Response } from 'express';
import { byteSize, type Excess, excessOf, isListExcess, queryExcessOf } from '../domain/request-limits';
import { invalid } from '../domain/errors';
import { limitError, toDirectusError } from './errors';

type Middleware = (req: Request, res: Response, next: NextFunction) => void;
type ErrorMiddleware = (err: unknown, req: Request, res: Response, next: NextFunction) => void;

/** Directus' answer when its JSON parser stops a body without a length at MAX_PAYLOAD_SIZE (body-parser's wording). */
const parserTooLarge = (err: unknown) =>
	(err as { extensions?: { reason?: unknown } } | null)?.extensions?.reason === 'request entity too large';

const invalidQuery = (e: Excess) => limitError('INVALID_QUERY', `Invalid query: ${e.message}`, { field: e.path });

/**
 * `beforeParsing` goes before Directus reads the body (init `app.before`), `afterParsing` after
 * (init `middlewares.after`): Directus parses JSON with no limit on its shape. `whileParsing` turns
 * Directus' 400 for a streamed body (no Content-Length) cut at MAX_PAYLOAD_SIZE into the same 413.
 */
export function requestLimits(maxPayloadSize: string | number): {
	beforeParsing: Middleware;
	whileParsing: ErrorMiddleware;
	afterParsing: Middleware;
} {
	const maxBytes = byteSize(maxPayloadSize);
	const tooLarge = (size: number | null) =>
		limitError(
			'CONTENT_TOO_LARGE',
			`Request body${size === null ? '' : ` of ${size} bytes`} is larger than MAX_PAYLOAD_SIZE (${maxBytes} bytes)`,
			{ size, max: maxBytes },
		);
	return {
		beforeParsing: (req, _res, next) => {
			// Only JSON is parsed against MAX_PAYLOAD_SIZE; uploads have their own limit (FILES_MAX_UPLOAD_SIZE).
			const length = Number(req.get('content-length'));
			if (req.is('application/json') && length > maxBytes) return next(tooLarge(length));
			const excess = queryExcessOf(req.query as Record<string, unknown>);
			next(excess ? invalidQuery(excess) : undefined);
		},
		whileParsing: (err, _req, _res, next) => next(parserTooLarge(err) ? tooLarge(null) : err),
		afterParsing: (req, _res, next) => {
			const excess = req.body && typeof req.body === 'object' ? excessOf(req.body) : null;
			if (!excess) return next();
			if (isListExcess(excess)) return next(invalidQuery(excess));
			next(toDirectusError(invalid(excess.path, `Invalid payload: ${excess.message}`)));
		},
	};
}
