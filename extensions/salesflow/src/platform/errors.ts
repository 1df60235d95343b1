// Domain refusals become Directus errors: its error format, our codes (CONTRACT.md) and fields.
import { createError } from '@directus/errors';
import { DomainError } from '../domain/errors';

type ErrorClass = new (extensions: Record<string, unknown>) => Error;

// One Directus error class per (code, status), so responses carry our codes in Directus' format.
const classes = new Map<string, ErrorClass>();

export function toDirectusError(e: DomainError): Error {
	const key = `${e.code}:${e.status}`;
	let Cls = classes.get(key);
	if (!Cls) {
		Cls = createError<Record<string, unknown>>(e.code, (ext) => String(ext.message), e.status);
		classes.set(key, Cls);
	}
	return new Cls({ message: e.message, ...e.extensions });
}

/** Refusals of the request limits (platform/request-limits.ts) beyond CONTRACT.md's codes: Directus' own INVALID_QUERY and HTTP's 413. */
export const LIMIT_STATUS = { INVALID_QUERY: 400, CONTENT_TOO_LARGE: 413 } as const;

export const limitError = (code: keyof typeof LIMIT_STATUS, message: string, extensions: Record<string, unknown>) =>
	toDirectusError(new DomainError(code, message, LIMIT_STATUS[code], extensions));

/** Runs `fn`, turning domain errors into Directus errors (and zod errors into INVALID_PAYLOAD). */
export async function directusErrors<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		throw translateError(e);
	}
}

type ZodLike = { name: string; issues?: Array<{ path?: PropertyKey[]; message?: string }> };
const isZodError = (e: unknown): e is ZodLike => typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ZodError';

export function translateError(e: unknown): unknown {
	if (e instanceof DomainError) return toDirectusError(e);
	if (isZodError(e)) {
		const issue = e.issues?.[0];
		const field = issue?.path?.map(String).join('.') || 'body';
		return toDirectusError(new DomainError('INVALID_PAYLOAD', `Invalid payload: ${field}: ${issue?.message ?? 'invalid'}`, 400, { field }));
	}
	return e;
}
