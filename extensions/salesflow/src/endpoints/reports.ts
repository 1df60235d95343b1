import { defineEndpoint } from '@directus/extensions-sdk';

export default defineEndpoint({ id: 'reports', handler: () => {} });
