/** Adds n working days (Mon–Fri) to a date: the 3-working-day shipping promise (seed 003). */
export function addWorkingDays(from: Date, n: number): Date {
	const d = new Date(from.getTime());
	let left = n;
	while (left > 0) {
		d.setUTCDate(d.getUTCDate() + 1);
		const day = d.getUTCDay();
		if (day !== 0 && day !== 6) left -= 1;
	}
	return d;
}
