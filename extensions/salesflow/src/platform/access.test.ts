import type { Accountability } from '@directus/types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assertVisible } from './access';
import { actorOf, type RuleContext } from './context';

// Directus' items service stands in here only as the permission check it is: it answers the rows of
// `keys` the caller may read (here: the even ids) and counts how often it was asked.
function context(accountability: Accountability) {
	const asked: Array<Array<string | number>> = [];
	class ItemsService {
		async readMany(keys: Array<string | number>) {
			asked.push(keys);
			return keys.filter((k) => Number(k) % 2 === 0).map((id) => ({ id }));
		}
	}
	const ctx = {
		db: null,
		accountability,
		schema: {},
		actor: actorOf(accountability),
		services: { ItemsService },
		getSchema: null,
	} as unknown as RuleContext;
	return { ctx, asked };
}

const rep = () => ({ user: 'u1', role: 'r1', roles: ['r1'], admin: false, app: true }) as unknown as Accountability;

describe('assertVisible remembers what a request was shown to read', () => {
	afterEach(() => vi.useRealTimers());

	it('checks a row once per request, and only the rows not yet checked', async () => {
		const { ctx, asked } = context(rep());
		await assertVisible(ctx, 'sales_orders', [2, 4]);
		await assertVisible(ctx, 'sales_orders', ['2', 4]);
		await assertVisible(ctx, 'sales_orders', [4, 6]);
		expect(asked).toEqual([['2', '4'], ['6']]);
	});

	it('keeps requests apart: another accountability object checks again', async () => {
		const first = context(rep());
		await assertVisible(first.ctx, 'quotes', [2]);
		const second = context(rep());
		await assertVisible(second.ctx, 'quotes', [2]);
		expect(second.asked).toEqual([['2']]);
	});

	it('never remembers a refusal', async () => {
		const { ctx, asked } = context(rep());
		await expect(assertVisible(ctx, 'customers', [2, 3])).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(assertVisible(ctx, 'customers', [3])).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await assertVisible(ctx, 'customers', [2]);
		expect(asked).toEqual([['2', '3'], ['3'], ['2']]);
	});

	it('forgets after ten seconds (an accountability that outlives a request, such as a WebSocket connection)', async () => {
		vi.useFakeTimers();
		const { ctx, asked } = context(rep());
		await assertVisible(ctx, 'contracts', [2]);
		vi.advanceTimersByTime(9_000);
		await assertVisible(ctx, 'contracts', [2]);
		vi.advanceTimersByTime(2_000);
		await assertVisible(ctx, 'contracts', [2]);
		expect(asked).toEqual([['2'], ['2']]);
	});

	it('asks nothing for administrators', async () => {
		const { ctx, asked } = context({ ...rep(), admin: true });
		await assertVisible(ctx, 'sales_orders', [1, 3]);
		expect(asked).toEqual([]);
	});
});
