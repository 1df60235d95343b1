// Example extension (README, "How to extend"): reacts to Salesflow's events, which Salesflow emits once
// a status move or an approval has committed and never for a refused or rolled-back one. Plain
// JavaScript with no build step and no dependencies, so it doubles as a template to copy.
//
// It keeps the last events in memory and shows them to administrators at
// GET /salesflow-example-listener/events; a real extension would post them to another system.

/** Events kept, newest last. */
const KEEP = 500;

export default ({ action, init }, { logger }) => {
	const received = [];
	const remember = (event, payload) => {
		received.push({ event, ...payload, received_at: new Date().toISOString() });
		if (received.length > KEEP) received.shift();
	};

	// { collection, id, number, from, to, user } (CONTRACT.md, Integrations); `event` is the name.
	action('salesflow.transition', ({ event, ...move }) => {
		remember(event, move);
		logger.info(`example listener: ${move.collection} ${move.number ?? move.id} ${move.from} → ${move.to}`);
	});
	// { request, collection, id, number, step, approvers } and { request, collection, id, number, decision, step, user }.
	action('salesflow.approval.requested', ({ event, ...payload }) => remember(event, payload));
	action('salesflow.approval.decided', ({ event, ...payload }) => remember(event, payload));

	init('routes.custom.before', ({ app }) => {
		app.get('/salesflow-example-listener/events', (req, res) => {
			if (!req.accountability?.admin) {
				res.status(403).json({ errors: [{ message: 'Administrators only', extensions: { code: 'FORBIDDEN' } }] });
				return;
			}
			res.json({ data: received });
		});
	});
};
