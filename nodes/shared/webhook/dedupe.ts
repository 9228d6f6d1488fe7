import { createHash } from 'crypto';

/**
 * Exactly-once delivery for the triggers, in two layers (measured in a real n8n; see docs/triggers.md):
 *
 * 1. In the process that receives the webhook (`webhook()`): a bounded memory of recent event ids,
 *    checked and filled synchronously, so two deliveries of one event handled by one n8n process —
 *    sequential or simultaneous — can never both start a run. An event is held as pending until its
 *    run starts in this process (then kept for the full TTL), so a retry after n8n failed to start
 *    the run is not dropped. Workflow static data cannot do this:
 *    n8n writes it after the fact, last writer wins, and 2.x drops most of those writes.
 * 2. Inside the run (the trigger's `execute()`, see processedEvents.ts): n8n's processed-data store
 *    (the database table behind the Remove Duplicates node), which survives restarts and is shared
 *    by every process of a queue-mode set-up.
 */

/** How many recent events one n8n process remembers, over all its triggers. */
export const DEDUPE_MEMORY = 20_000;
/** How long an event that ran is remembered in-process (the database layer keeps it beyond that). */
export const DEDUPE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * How long an event is held back before its run is known to have started. Should n8n fail to start
 * the run (it then answers 500), the provider's later retry is not mistaken for a duplicate.
 */
export const DEDUPE_PENDING_MS = 30 * 1000;

/** Builds a dedupe key from parts that cannot run into each other. */
export function eventKey(...parts: Array<string | number | null | undefined>): string {
	return JSON.stringify(parts.map((p) => (p === null || p === undefined ? '' : String(p))));
}

/** The stable id of an event (same event, same id, in every process): a hash of its key. */
export function eventIdOf(key: string): string {
	return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32);
}

/** A bounded, expiring set of event ids per trigger, for the process it lives in. */
export class RecentEvents {
	private readonly expiry = new Map<string, number>();

	constructor(
		private readonly max = DEDUPE_MEMORY,
		private readonly ttlMs = DEDUPE_TTL_MS,
		private readonly now: () => number = Date.now,
		private readonly pendingMs = DEDUPE_PENDING_MS,
	) {}

	/**
	 * Records `eventId` for `scope` as pending and returns true, or returns false when it is already
	 * recorded. Synchronous on purpose: nothing can run between the check and the record.
	 */
	claim(scope: string, eventId: string): boolean {
		const entry = `${scope}\n${eventId}`;
		const t = this.now();
		const expires = this.expiry.get(entry);
		if (expires !== undefined && expires > t) return false;
		this.expiry.delete(entry);
		this.expiry.set(entry, t + this.pendingMs);
		// Map keeps insertion order: the first entries are the oldest.
		for (const oldest of this.expiry.keys()) {
			if (this.expiry.size <= this.max) break;
			this.expiry.delete(oldest);
		}
		return true;
	}

	/**
	 * The run of a claimed event started (in this process): remember it for the full TTL. Does
	 * nothing for an event this process did not claim (queue mode: the run is on a worker, and the
	 * database layer remembers it).
	 */
	confirm(scope: string, eventId: string): void {
		const entry = `${scope}\n${eventId}`;
		if (this.expiry.has(entry)) this.expiry.set(entry, this.now() + this.ttlMs);
	}

	get size(): number {
		return this.expiry.size;
	}

	clear(): void {
		this.expiry.clear();
	}
}

/** The memory of this process, shared by every trigger it runs. */
export const recentEvents = new RecentEvents();
