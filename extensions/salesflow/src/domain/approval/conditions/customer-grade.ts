import { z } from 'zod';
import { defineCondition } from './condition';

/** The document's customer has one of the grades (key customers, grade A: visit plans go to the division head too). */
export const customerGrade = defineCondition({
	type: 'customer_grade',
	label: { en: 'Customer of a grade', zh: '客户等级' },
	params: z.object({ grades: z.array(z.string().min(1)).min(1) }).strict(),
	evaluate: (params, ctx) => {
		const grade = ctx.customerGrade;
		if (!grade || !params.grades.includes(grade)) return { matched: false, reasons: [] };
		return { matched: true, reasons: [`customer grade ${grade} / 客户等级 ${grade}`] };
	},
});
