// What an overdue approval step is owed (审批超时): past its due time one reminder to the approver; after as long
// again (the step's own hours, counted the same way) one escalation. Pure: the job reads the rows, this decides.
import { dueAt, type WorkCalendar } from '../calendar/work-calendar';

export type LimitedStep = {
	due: Date;
	hours: number;
	workingHours: boolean;
	reminded: boolean;
	escalated: boolean;
};

/** When a step due at `due` escalates: a second period of the step's hours after it. */
export const escalationAt = (s: Pick<LimitedStep, 'due' | 'hours' | 'workingHours'>, calendar: WorkCalendar, timeZone: string): Date =>
	dueAt(s.due, s.hours, { workingHours: s.workingHours, calendar, timeZone });

/** Which of the two notices a step is owed at `at` (a very late step may be owed both in one run). */
export function owedNotices(s: LimitedStep, at: Date, calendar: WorkCalendar, timeZone: string): { remind: boolean; escalate: boolean } {
	const overdue = s.due.getTime() < at.getTime();
	return {
		remind: overdue && !s.reminded,
		escalate: overdue && !s.escalated && escalationAt(s, calendar, timeZone).getTime() < at.getTime(),
	};
}
