// A tiny queue for work that must not all run at once (PDF rendering holds a parsed font and the
// growing document in memory): callers beyond the limit wait their turn, first come first served.

/** Runs `fn` when fewer than `slots` runs are in flight, else after one ends (first come, first served). */
export function limitConcurrency(slots: number) {
	let running = 0;
	const waiting: Array<() => void> = [];
	return async <T>(fn: () => Promise<T>): Promise<T> => {
		if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
		else running++;
		try {
			return await fn();
		} finally {
			const next = waiting.shift();
			if (next) next();
			else running--;
		}
	};
}
