// The chat platforms' posting limits per bot (频率限制) — WeCom and DingTalk 20 messages a minute,
// Feishu 100 a minute and 5 a second — and the earliest moment one more message keeps to all of
// them. Waiting here is cheaper than a refusal: DingTalk throttles an over-eager robot for minutes.
import { invalid } from '../errors';
import { type ChannelKind, channelKind } from './channel';

/** At most `limit` posts in any `windowMs` milliseconds. */
export type RateWindow = { limit: number; windowMs: number };

export const RATE_LIMITS: Record<ChannelKind, readonly RateWindow[]> = {
	wecom: [{ limit: 20, windowMs: 60_000 }],
	dingtalk: [{ limit: 20, windowMs: 60_000 }],
	feishu: [
		{ limit: 100, windowMs: 60_000 },
		{ limit: 5, windowMs: 1_000 },
	],
	webhook: [],
};

const validTime = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/**
 * The earliest Date, not before `now`, at which one more post to this bot keeps to every window of
 * its kind. `recentSends` are the bot's earlier posts (any order; older ones are harmless); a post
 * counts in a window for `windowMs` after it, as a sliding window — stricter than per-minute buckets.
 */
export function earliestSend(kind: ChannelKind, recentSends: Date[], now: Date): Date {
	const windows = RATE_LIMITS[channelKind(kind)];
	if (!validTime(now)) throw invalid('now', `now must be a valid Date, got ${String(now)}`);
	const bad = recentSends.findIndex((sent) => !validTime(sent));
	if (bad >= 0) throw invalid('recent_sends', `recent_sends[${bad}] must be a valid Date, got ${String(recentSends[bad])}`);

	const newestFirst = recentSends.map((sent) => sent.getTime()).sort((a, b) => b - a);
	let earliest = now.getTime();
	for (const { limit, windowMs } of windows) {
		// Once the limit-th newest post has left the window, at most limit − 1 remain in it.
		const blocking = newestFirst[limit - 1];
		if (blocking !== undefined) earliest = Math.max(earliest, blocking + windowMs);
	}
	return new Date(earliest);
}
