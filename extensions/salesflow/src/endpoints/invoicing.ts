import { defineEndpoint } from '@directus/extensions-sdk';

export default defineEndpoint({ id: 'invoicing', handler: () => {} });
