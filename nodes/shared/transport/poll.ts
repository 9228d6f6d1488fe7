import { NodeApiError, sleep } from 'n8n-workflow';

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

/** A 4xx other than 408/429: asking again will not help. */
export function isPermanentRefusal(error: unknown): boolean {
	const code = Number((error as { httpCode?: unknown })?.httpCode);
	return Number.isInteger(code) && code >= 400 && code < 500 && code !== 408 && code !== 429;
}

export interface PollAllResult<T> {
	value: T;
	done: boolean;
	polls: number;
}

/**
 * Polls many resources together: each round fetches every resource that is not done yet (in
 * parallel), then sleeps once with backoff. Items wait concurrently, so N calls take as long as
 * the slowest one, not the sum. Each resource is fetched at most `maxWaitMs / intervalMs + 1`
 * times. A fetch that fails keeps the last known value and is tried again next round, unless the
 * API refused it for good (4xx other than 408/429), which ends the wait with that error.
 */
export async function pollAllUntil<T>(
	ids: string[],
	fetch: (id: string) => Promise<T>,
	isDone: (value: T) => boolean,
	initial: (id: string) => T,
	options: PollOptions,
): Promise<Map<string, PollAllResult<T>>> {
	const now = options.now ?? Date.now;
	const wait = options.wait ?? sleep;
	const factor = options.factor ?? 1.5;
	const deadline = now() + options.maxWaitMs;
	let interval = options.intervalMs;
	const results = new Map<string, PollAllResult<T>>(
		ids.map((id) => [id, { value: initial(id), done: false, polls: 0 }]),
	);
	for (;;) {
		const pending = [...results.entries()].filter(([, r]) => !r.done);
		let refusal: NodeApiError | undefined;
		await Promise.all(
			pending.map(async ([id, r]) => {
				r.polls++;
				try {
					r.value = await fetch(id);
					r.done = isDone(r.value);
				} catch (error) {
					// A refusal that will not change (wrong key, unknown call) ends the wait once this
					// round is over; anything else keeps the last known value and is asked again next
					// round. The transport's errors are NodeApiErrors with the provider's message.
					if (error instanceof NodeApiError && isPermanentRefusal(error)) refusal ??= error;
				}
			}),
		);
		if (refusal) throw refusal;
		if ([...results.values()].every((r) => r.done)) return results;
		const remaining = deadline - now();
		if (remaining <= 0) return results;
		await wait(Math.min(interval, remaining));
		interval = Math.min(options.maxIntervalMs, Math.round(interval * factor));
	}
}
