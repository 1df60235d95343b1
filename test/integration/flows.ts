// A Flow made through the API for a test: a webhook trigger and one operation, answered with what the
// operation returned ($last), and refused (4xx/5xx) when the operation throws.
import { ok, tokenFor, url } from './helpers';

export async function webhookFlow(name: string, type: string, options: Record<string, unknown>) {
	const flow = await ok<any>('admin', 'POST', '/flows', {
		name,
		status: 'active',
		trigger: 'webhook',
		accountability: null,
		options: { method: 'POST', async: false, return: '$last', error_on_reject: true },
	});
	const op = await ok<any>('admin', 'POST', '/operations', { flow: flow.id, key: 'op', type, position_x: 19, position_y: 1, options });
	await ok('admin', 'PATCH', `/flows/${flow.id}`, { operation: op.id });
	return {
		id: flow.id as string,
		/** Runs the flow as `user` (null: nobody signed in): the status and the body as sent (not wrapped in `data`). */
		run: async (user: string | null, body: Record<string, unknown>): Promise<{ status: number; body: any }> => {
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			if (user) headers.authorization = `Bearer ${await tokenFor(user)}`;
			const res = await fetch(`${url()}/flows/trigger/${flow.id}`, { method: 'POST', headers, body: JSON.stringify(body) });
			const text = await res.text();
			return { status: res.status, body: text ? JSON.parse(text) : null };
		},
		remove: () => ok('admin', 'DELETE', `/flows/${flow.id}`),
	};
}
