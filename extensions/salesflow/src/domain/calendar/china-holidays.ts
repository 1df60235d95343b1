// China's public holidays (法定节假日) as the State Council General Office announces them each year
// (国务院办公厅关于部分节假日安排的通知): per festival the block of rest days (放假, the weekend days inside the
// block included) and the weekend days worked instead (调休上班). Kept as the notice's blocks so each line can be
// checked against the notice text.
//
// Sources (www.gov.cn):
//   2024: notice of 2023-10-25, https://www.gov.cn/zhengce/content/202310/content_6911527.htm
//   2025: notice of 2024-11-12 (国办发明电〔2024〕12号), https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm
//   2026: notice of 2025-11-04, https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm
// Cross-checked day by day against the npm package chinese-days 1.5.7 (not a dependency): the same days, except that
// the package leaves out the weekend days of the two 2024 blocks the notice words "与周末连休" (rest together with
// the weekend): 2023-12-30/31 and 2024-06-08/09. Weekend days are rest days anyway, so working days agree.
// 2027 is not here: chinese-days 1.5.7 has no 2027 data and its notice is not in this table. Add the year when
// its notice is out (usually November); until then the days the law fixes by date (below) are built in and the
// administrator adds the rest (春节, 清明, 端午, 中秋, 调休) in the settings' calendar changes.
import { epochDay, isoDate } from '../dates';

type HolidayBlock = {
	festival: string;
	/** First and last rest day, inclusive. */
	from: string;
	to: string;
	/** Weekend days that are working days in exchange (调休). */
	makeUpWorkdays: readonly string[];
};

/** The notices, by the year they arrange. */
export const CHINA_HOLIDAY_NOTICES: Readonly<Record<number, readonly HolidayBlock[]>> = {
	2024: [
		{ festival: '元旦', from: '2023-12-30', to: '2024-01-01', makeUpWorkdays: [] },
		{ festival: '春节', from: '2024-02-10', to: '2024-02-17', makeUpWorkdays: ['2024-02-04', '2024-02-18'] },
		{ festival: '清明节', from: '2024-04-04', to: '2024-04-06', makeUpWorkdays: ['2024-04-07'] },
		{ festival: '劳动节', from: '2024-05-01', to: '2024-05-05', makeUpWorkdays: ['2024-04-28', '2024-05-11'] },
		{ festival: '端午节', from: '2024-06-08', to: '2024-06-10', makeUpWorkdays: [] },
		{ festival: '中秋节', from: '2024-09-15', to: '2024-09-17', makeUpWorkdays: ['2024-09-14'] },
		{ festival: '国庆节', from: '2024-10-01', to: '2024-10-07', makeUpWorkdays: ['2024-09-29', '2024-10-12'] },
	],
	2025: [
		{ festival: '元旦', from: '2025-01-01', to: '2025-01-01', makeUpWorkdays: [] },
		{ festival: '春节', from: '2025-01-28', to: '2025-02-04', makeUpWorkdays: ['2025-01-26', '2025-02-08'] },
		{ festival: '清明节', from: '2025-04-04', to: '2025-04-06', makeUpWorkdays: [] },
		{ festival: '劳动节', from: '2025-05-01', to: '2025-05-05', makeUpWorkdays: ['2025-04-27'] },
		{ festival: '端午节', from: '2025-05-31', to: '2025-06-02', makeUpWorkdays: [] },
		// Mid-Autumn (10-06) falls inside National Day: one merged block of 8 days.
		{ festival: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08', makeUpWorkdays: ['2025-09-28', '2025-10-11'] },
	],
	2026: [
		{ festival: '元旦', from: '2026-01-01', to: '2026-01-03', makeUpWorkdays: ['2026-01-04'] },
		{ festival: '春节', from: '2026-02-15', to: '2026-02-23', makeUpWorkdays: ['2026-02-14', '2026-02-28'] },
		{ festival: '清明节', from: '2026-04-04', to: '2026-04-06', makeUpWorkdays: [] },
		{ festival: '劳动节', from: '2026-05-01', to: '2026-05-05', makeUpWorkdays: ['2026-05-09'] },
		{ festival: '端午节', from: '2026-06-19', to: '2026-06-21', makeUpWorkdays: [] },
		{ festival: '中秋节', from: '2026-09-25', to: '2026-09-27', makeUpWorkdays: [] },
		{ festival: '国庆节', from: '2026-10-01', to: '2026-10-07', makeUpWorkdays: ['2026-09-20', '2026-10-10'] },
	],
};

const blocks = Object.values(CHINA_HOLIDAY_NOTICES).flat();

/** Every day from `from` to `to` inclusive, as 'YYYY-MM-DD'. */
function daysOf({ from, to }: HolidayBlock): string[] {
	const days: string[] = [];
	for (let d = epochDay(from); d <= epochDay(to); d++) days.push(isoDate(d));
	return days;
}

/**
 * The holidays the law fixes by solar date (《全国年节及纪念日放假办法》, 2024 revision: 元旦 1 January, 劳动节 1–2 May,
 * 国庆节 1–3 October): a year after the last notice above still rests on them. Its lunar holidays and make-up days
 * come only with its notice.
 */
const STATUTORY_FIXED_DAYS = ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03'];
/** How many years after the last notice the fixed days are built in for. */
const YEARS_AHEAD = 5;
const LAST_NOTICE_YEAR = Math.max(...Object.keys(CHINA_HOLIDAY_NOTICES).map(Number));
export const CHINA_FIXED_REST_DAYS_AHEAD: readonly string[] = Array.from(
	{ length: YEARS_AHEAD },
	(_, i) => LAST_NOTICE_YEAR + 1 + i,
).flatMap((year) => STATUTORY_FIXED_DAYS.map((md) => `${year}-${md}`));

/** Every official rest day of the notices above, and the fixed statutory days of the years after them. */
export const CHINA_REST_DAYS: ReadonlySet<string> = new Set([...blocks.flatMap(daysOf), ...CHINA_FIXED_REST_DAYS_AHEAD]);

/** Every official make-up working day (a Saturday or Sunday worked in exchange). */
export const CHINA_MAKE_UP_WORKDAYS: ReadonlySet<string> = new Set(blocks.flatMap((b) => b.makeUpWorkdays));
