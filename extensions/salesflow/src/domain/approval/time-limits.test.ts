import { describe, expect, it } from 'vitest';
import { chinaCalendar, instantAt } from '../calendar/work-calendar';
import { escalationAt, owedNotices } from './time-limits';

const china = chinaCalendar();
const zone = 'Asia/Shanghai';
const sh = (date: string, time: string) => instantAt(date, time, zone);

describe('escalationAt', () => {
	it('is the step’s hours again after its due time, on the clock', () => {
		const due = sh('2026-04-03', '19:00');
		expect(escalationAt({ due, hours: 4, workingHours: false }, china, zone)).toEqual(sh('2026-04-03', '23:00'));
	});

	it('counts working hours past the weekend and 清明 when the step does', () => {
		// Due Friday 17:00; one working hour left that day, three more on Tuesday after Saturday–Monday off.
		const due = sh('2026-04-03', '17:00');
		expect(escalationAt({ due, hours: 4, workingHours: true }, china, zone)).toEqual(sh('2026-04-07', '12:00'));
	});
});

describe('owedNotices', () => {
	const step = { due: sh('2026-12-02', '14:00'), hours: 4, workingHours: false, reminded: false, escalated: false };

	it.each([
		['before the due time', '13:59', false, false],
		['at the due time exactly', '14:00', false, false],
		['a minute late', '14:01', true, false],
		['at the end of the second period', '18:00', true, false],
		['past the second period', '18:01', true, true],
	])('%s (%s): remind %s, escalate %s', (_, time, remind, escalate) => {
		expect(owedNotices(step, sh('2026-12-02', time), china, zone)).toEqual({ remind, escalate });
	});

	it('owes each notice once', () => {
		const late = sh('2026-12-03', '09:00');
		expect(owedNotices({ ...step, reminded: true }, late, china, zone)).toEqual({ remind: false, escalate: true });
		expect(owedNotices({ ...step, reminded: true, escalated: true }, late, china, zone)).toEqual({ remind: false, escalate: false });
	});
});
