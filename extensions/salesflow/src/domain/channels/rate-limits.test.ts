import { describe, expect, it } from 'vitest';
import type { ChannelKind } from './channel';
import { earliestSend, RATE_LIMITS } from './rate-limits';

const now = new Date('2026-03-02T08:00:00.000Z');
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
/** `count` sends, the newest `newestAgoMs` before now, then one every `stepMs` further back. */
const sends = (count: number, newestAgoMs: number, stepMs = 0) => Array.from({ length: count }, (_, i) => at(-newestAgoMs - i * stepMs));
const refused = (field: string) => expect.objectContaining({ code: 'INVALID_PAYLOAD', status: 400, extensions: { field } });

/** Brute force: one more send at `t` keeps every window (a send counts for windowMs after it). */
const allowed = (kind: ChannelKind, recent: Date[], t: number) =>
	RATE_LIMITS[kind].every(({ limit, windowMs }) => recent.filter((s) => s.getTime() > t - windowMs).length < limit);

describe('RATE_LIMITS', () => {
	it('has the platforms’ published limits per bot', () => {
		expect(RATE_LIMITS).toEqual({
			wecom: [{ limit: 20, windowMs: 60_000 }],
			dingtalk: [{ limit: 20, windowMs: 60_000 }],
			feishu: [
				{ limit: 100, windowMs: 60_000 },
				{ limit: 5, windowMs: 1_000 },
			],
			webhook: [],
		});
	});
});

describe('earliestSend', () => {
	it.each([
		['wecom', 'no earlier sends', [], 0],
		['wecom', 'one below the limit', sends(19, 0), 0],
		['wecom', 'the 20th newest 20 s ago', sends(20, 1_000, 1_000), 40_000],
		['wecom', 'the 20th newest exactly a minute ago', sends(20, 60_000), 0],
		['wecom', 'the 20th newest a minute less 1 ms ago', sends(20, 59_999), 1],
		['wecom', 'twenty at the same instant 10 s ago', sends(20, 10_000), 50_000],
		['dingtalk', '25 sends: the 20th newest decides, not the oldest', sends(25, 0, 2_000), 22_000],
		['dingtalk', 'all older than a minute', sends(20, 61_000, 1_000), 0],
		['dingtalk', 'stamped ahead of our clock, still counted', sends(20, -5_000), 65_000],
		['feishu', 'five a second: the 5th newest 400 ms ago', sends(5, 200, 50), 600],
		['feishu', 'four in this second', sends(4, 0), 0],
		['feishu', 'a hundred a minute: the 100th newest 50.5 s ago', sends(100, 1_000, 500), 9_500],
		['feishu', 'both windows bind, the minute one later', sends(100, 0, 100), 50_100],
		['webhook', 'no limit', sends(500, 0), 0],
	] as const)('%s, %s: waits %i ms', (kind, _, recent, waitMs) => {
		expect(earliestSend(kind, [...recent], now).toISOString()).toBe(at(waitMs).toISOString());
	});

	it('does not care about the order of recent sends', () => {
		const recent = sends(30, 0, 1_500);
		const shuffled = [...recent].sort((a, b) => ((a.getTime() * 7919) % 13) - ((b.getTime() * 7919) % 13));
		expect(earliestSend('wecom', shuffled, now)).toEqual(earliestSend('wecom', recent, now));
	});

	it('does not reorder the array it was given', () => {
		const recent = [at(-3_000), at(-1_000), at(-2_000)];
		earliestSend('feishu', recent, now);
		expect(recent).toEqual([at(-3_000), at(-1_000), at(-2_000)]);
	});

	// A deterministic spread of sends: the answer is allowed, and a millisecond earlier is not.
	it.each([1, 2, 3, 4, 5, 6, 7, 8])('is the earliest allowed moment (seed %i)', (seed) => {
		let state = seed;
		const random = () => {
			state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
			return state / 2 ** 31;
		};
		for (const kind of ['wecom', 'feishu'] as const) {
			const recent = Array.from({ length: 10 + Math.floor(random() * 110) }, () => at(-Math.floor(random() * 70_000)));
			const t = earliestSend(kind, recent, now).getTime();
			expect(t).toBeGreaterThanOrEqual(now.getTime());
			expect(allowed(kind, recent, t)).toBe(true);
			if (t > now.getTime()) expect(allowed(kind, recent, t - 1)).toBe(false);
		}
	});

	it.each([
		['wecom', 30, [0, 60_000]], // 20 at once, the other 10 a minute later
		['feishu', 12, [0, 1_000, 2_000]], // 5, 5 and 2, a second apart
	] as const)('sending %s messages %i times as soon as allowed spreads them over %j', (kind, count, starts) => {
		const sent: Date[] = [];
		for (let i = 0; i < count; i++) sent.push(earliestSend(kind, sent, now));
		expect([...new Set(sent.map((d) => d.getTime() - now.getTime()))]).toEqual(starts);
	});

	it.each([
		['kind', 'slack', [], now],
		['now', 'wecom', [], new Date(Number.NaN)],
		['recent_sends', 'wecom', [at(-1), new Date('nope')], now],
	])('refuses, naming %s', (field, kind, recent, when) => {
		expect(() => earliestSend(kind as ChannelKind, recent, when)).toThrow(refused(field));
	});

	it('names the bad entry of recent sends', () => {
		expect(() => earliestSend('wecom', [at(-1), new Date('nope')], now)).toThrow('recent_sends[1] must be a valid Date');
	});
});
