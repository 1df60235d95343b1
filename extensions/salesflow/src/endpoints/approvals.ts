import { defineEndpoint } from '@directus/extensions-sdk';

export default defineEndpoint({
	id: 'approvals',
	handler: (router) => {
		router.get('/inbox', (_req, res) => res.json({ data: [] }));
	},
});
