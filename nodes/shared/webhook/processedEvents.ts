import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { recentEvents } from './dedupe';

/**
 * The second dedupe layer (see dedupe.ts), run by each trigger's `execute()` inside the run its
 * webhook started: n8n's processed-data store keeps the ids of the events that ran, in n8n's
 * database, so a delivery repeated after a restart, or received by another webhook process, does
 * not run the workflow again. The run ends at the trigger with no items.
 *
 * That store reads and writes one row per trigger without a lock, so this process serialises its own
 * checks (several executions of one workflow run side by side), and a failed write — two processes
 * creating the row at the same moment — is tried again. Two workers writing at the same moment can
 * still overwrite each other's new ids, so each new id is checked again a moment later and written
 * again if it went missing (measured in queue mode: without this, 25 of 200 events could later run
 * again). Should the store stay unavailable, the event runs: a delivery is never lost to this check.
 */

/** How many event ids the database remembers per trigger (about 25 bytes each). */
export const PROCESSED_EVENTS_MEMORY = 5_000;

const ATTEMPTS = 4;
/** How often a new id is checked again for a lost write. */
const VERIFY_ROUNDS = 8;
const chains = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task of `scope` in this process has finished. */
async function serialised<T>(scope: string, task: () => Promise<T>): Promise<T> {
	const previous = chains.get(scope) ?? Promise.resolve();
	const current = previous.then(task, task);
	const settled = current.then(
		() => undefined,
		() => undefined,
	);
	chains.set(scope, settled);
	try {
		return await current;
	} finally {
		if (chains.get(scope) === settled) chains.delete(scope);
	}
}

/**
 * The input items (one per accepted webhook delivery) whose `eventId` has not run before, recorded
 * as run. Test events (manual mode) always pass: a sample can be sent again and again while building.
 */
export async function keepUnprocessedEvents(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const scope = `${this.getWorkflow().id ?? ''}/${this.getNode().id}`;
	// The run started: the receiving process (when it is this one) keeps the events for good.
	for (const item of items) recentEvents.confirm(scope, String(item.json.eventId ?? ''));
	const record = this.helpers.checkProcessedAndRecord;
	if (this.getMode() === 'manual' || typeof record !== 'function' || items.length === 0) {
		return [items.map((item, index) => ({ ...item, pairedItem: { item: index } }))];
	}
	const ids = items.map((item) => String(item.json.eventId ?? ''));
	const check = async (list: string[]): Promise<Set<string> | undefined> => {
		for (let attempt = 1; ; attempt++) {
			try {
				const result = await record.call(this.helpers, list, 'node', {
					mode: 'entries',
					maxEntries: PROCESSED_EVENTS_MEMORY,
				});
				return new Set(result.new.map(String));
			} catch (error) {
				if (attempt >= ATTEMPTS) {
					this.logger.warn(
						`${this.getNode().name}: n8n's processed-data store did not answer (${(error as Error).message}); the event runs without the database duplicate check`,
					);
					return undefined;
				}
				await sleep(25 * attempt + Math.floor(Math.random() * 25));
			}
		}
	};
	const found = await serialised(scope, async () => await check(ids));
	if (!found) return [items.map((item, index) => ({ ...item, pairedItem: { item: index } }))];
	// Written by this process; another process writing the same row at the same moment may have
	// overwritten it. Asking again records a missing id again (and reports it as new once more), until
	// the ids are found twice in a row. The waits happen outside the serialised section, so other
	// events of this trigger are not held up.
	const written = [...found];
	for (let round = 0, confirmed = 0; round < VERIFY_ROUNDS && written.length > 0 && confirmed < 2; round++) {
		await sleep(150 + Math.floor(Math.random() * 250));
		const again = await serialised(scope, async () => await check(written));
		if (!again) break;
		confirmed = written.some((id) => again.has(id)) ? 0 : confirmed + 1;
	}
	const fresh = found;
	const out: INodeExecutionData[] = [];
	items.forEach((item, index) => {
		if (fresh.has(ids[index])) out.push({ ...item, pairedItem: { item: index } });
	});
	return [out];
}
