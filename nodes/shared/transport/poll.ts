import { sleep } from 'n8n-workflow';

export interface PollOptions {
	/** First wait between polls. */
	intervalMs: number;
	/** Waits grow by `factor` up to this. */
	maxIntervalMs: number;
	factor?: number;
	/** Hard cap on the whole wait. */
	maxWaitMs: number;
	/** Injected clock for tests; defaults to Date.now. */
	now?: () => number;
	/** Injected sleep for tests; defaults to n8n-workflow's sleep. */
	wait?: (ms: number) => Promise<void>;
}

export interface PollResult<T> {
	value: T;
	done: boolean;
	polls: number;
}

/**
 * Calls `fetch` until `isDone` says so or `maxWaitMs` has passed, sleeping with backoff between
 * calls. The number of calls is at most `maxWaitMs / intervalMs + 1`.
 */
export async function pollUntil<T>(
	fetch: () => Promise<T>,
	isDone: (value: T) => boolean,
	options: PollOptions,
): Promise<PollResult<T>> {
	const now = options.now ?? Date.now;
	const wait = options.wait ?? sleep;
	const factor = options.factor ?? 1.5;
	const deadline = now() + options.maxWaitMs;
	let interval = options.intervalMs;
	let polls = 0;
	for (;;) {
		const value = await fetch();
		polls++;
		if (isDone(value)) return { value, done: true, polls };
		const remaining = deadline - now();
		if (remaining <= 0) return { value, done: false, polls };
		await wait(Math.min(interval, remaining));
		interval = Math.min(options.maxIntervalMs, Math.round(interval * factor));
	}
}
