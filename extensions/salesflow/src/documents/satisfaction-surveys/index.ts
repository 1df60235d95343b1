// Satisfaction surveys (满意度调查, seed 001): a score 1–5 with comments for a customer the caller can
// see, optionally about one of its deliveries and naming one of its contacts (references of the same
// customer are checked like every reference, engine/references.ts). Dated today unless given.
import { parseField } from '../../domain/field-checks';
import { zScore } from '../../domain/surveys';
import { defineRecords } from '../../engine/document-type';
import { assertVisible, readVisible } from '../../platform/access';
import { today } from '../../platform/clock';

export const satisfactionSurveys = defineRecords({
	collection: 'satisfaction_surveys',
	onCreate: async (ctx, payload) => {
		await readVisible(ctx, 'customers', payload.customer, 'customer');
		parseField(zScore, 'score', payload.score);
		payload.surveyed_on ??= today();
	},
	onUpdate: async (ctx, keys, payload) => {
		await assertVisible(ctx, 'satisfaction_surveys', keys);
		if ('customer' in payload) await readVisible(ctx, 'customers', payload.customer, 'customer');
		if ('score' in payload) parseField(zScore, 'score', payload.score);
		return undefined;
	},
});
