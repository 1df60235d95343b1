import { z } from 'zod';
import { defineCondition } from './condition';

export const always = defineCondition({
	type: 'always',
	label: { en: 'Always', zh: '总是' },
	params: z.object({}).passthrough(),
	evaluate: () => ({ matched: true, reasons: ['always'] }),
});
