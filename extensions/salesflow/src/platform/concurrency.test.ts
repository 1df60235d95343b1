import { describe, expect, it } from 'vitest';
import { limitConcurrency } from './concurrency';

const tick = () => new Promise((r) => setTimeout(r, 2));

describe('limitConcurrency', () => {
	it('runs at most `slots` at once, all of them eventually, in order of arrival', async () => {
		const limit = limitConcurrency(2);
		let running = 0;
		let peak = 0;
		const started: number[] = [];
		const results = await Promise.all(
			Array.from({ length: 7 }, (_, i) =>
				limit(async () => {
					started.push(i);
					peak = Math.max(peak, ++running);
					await tick();
					running--;
					return i * 10;
				}),
			),
		);
		expect(results).toEqual([0, 10, 20, 30, 40, 50, 60]);
		expect(peak).toBe(2);
		expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
	});

	it('frees the slot when a run fails', async () => {
		const limit = limitConcurrency(1);
		await expect(limit(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		expect(await limit(async () => 'next')).toBe('next');
	});
});
