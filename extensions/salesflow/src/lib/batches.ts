// Long id lists go to the database in slices: SQLite allows 999 bound parameters per statement
// (32,766 since 3.32, but drivers differ) and PostgreSQL plans huge IN lists badly.

/** How many ids one `IN (…)` carries. */
export const IDS_PER_QUERY = 500;

export const chunks = <T>(xs: T[], size = IDS_PER_QUERY): T[][] =>
	Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));
