// What a chat channel shows for a Salesflow event: a short zh-CN message with the document number
// and a link to the item (render.ts turns it into each platform's body).
import type { ChannelMessage } from './render';

type Payload = Record<string, unknown>;

const DECISIONS: Record<string, string> = { approved: '已批准', rejected: '已驳回' };

/** The message for `event` with its payload; `link` is the item in the data app. */
export function eventMessage(event: string, payload: Payload, link?: string): ChannelMessage {
	const number = typeof payload.number === 'string' && payload.number ? payload.number : undefined;
	const doc = number ?? `${payload.collection} #${payload.id}`;
	const base = { event, ...(number ? { number } : {}), ...(link ? { link } : {}) };
	switch (event) {
		case 'salesflow.transition':
			return { ...base, title: `单据状态变更：${doc}`, lines: [`状态：${payload.from} → ${payload.to}`] };
		case 'salesflow.approval.requested':
			return { ...base, title: `待审批：${doc}`, lines: [`第 ${payload.step} 步待审批`] };
		case 'salesflow.approval.decided':
			return {
				...base,
				title: `审批${DECISIONS[String(payload.decision)] ?? String(payload.decision)}：${doc}`,
				lines: [`第 ${payload.step} 步`],
			};
		default:
			// A notice (or a Flow's message): its subject and lines; a line that only repeats the link is left to the link.
			return {
				...base,
				title: String(payload.subject ?? event),
				lines: payload.message
					? String(payload.message)
							.split('\n')
							.filter((l) => l.trim() && l.trim() !== link)
					: [],
			};
	}
}
