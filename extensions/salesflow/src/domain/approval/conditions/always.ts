import { z } from 'zod';
import { defineCondition } from './condition';

/** The base approval every document of the type gets. */
export const always = defineCondition({
	type: 'always',
	label: { en: 'Always', zh: '总是' },
	params: z.object({}),
	evaluate: () => ({ matched: true, reasons: ['always'] }),
});
