import { DomainError } from '../domain/errors';
import type { RuleContext } from './context';

/**
 * Loads a row the caller refers to (an order for a delivery note, a customer for a quote…) with
 * the caller's own read permission, so a foreign id is refused like any other forbidden read.
 */
export async function readVisible(ctx: RuleContext, collection: string, id: unknown, field: string): Promise<any> {
	if (id === null || id === undefined || id === '') throw new DomainError('INVALID_PAYLOAD', `${field} is required`, 400, { field });
	const key = typeof id === 'object' ? (id as any).id : id;
	const row = await ctx.db(collection).where({ id: key }).first();
	if (!row) throw new DomainError('INVALID_PAYLOAD', `${field}: ${collection} ${key} does not exist`, 400, { field });
	if (!ctx.actor.system) {
		const service = new ctx.services.ItemsService(collection, { knex: ctx.db, schema: ctx.schema, accountability: ctx.accountability });
		await service.readOne(key, { fields: ['id'] });
	}
	return row;
}
