import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { keepUnprocessedEvents, PROCESSED_EVENTS_MEMORY } from '../../nodes/shared/webhook/processedEvents';

/**
 * The second dedupe layer runs inside the run a delivery started. n8n's processed-data store is
 * modelled here as what it is: one list per trigger, read and written without a lock, so two
 * checks that overlap would both see an event as new. `failures` makes the first calls fail, as two
 * processes creating the store's row at the same moment do.
 */
function store({ failures = 0, delayMs = 5 } = {}) {
	const saved: string[] = [];
	const calls: Array<{ items: string[]; scope: string; options: unknown }> = [];
	let failuresLeft = failures;
	const checkProcessedAndRecord = async (items: Array<string | number>, scope: string, options: unknown) => {
		calls.push({ items: items.map(String), scope, options });
		if (failuresLeft-- > 0) throw new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: processed_data');
		const snapshot = [...saved];
		await new Promise((resolve) => setTimeout(resolve, delayMs));
		const fresh = items.filter((i) => !snapshot.includes(String(i)));
		saved.splice(0, saved.length, ...snapshot, ...fresh.map(String));
		return { new: fresh, processed: items.filter((i) => snapshot.includes(String(i))) };
	};
	return { saved, calls, checkProcessedAndRecord };
}

function context(items: INodeExecutionData[], helpers: object, mode = 'webhook', warnings: string[] = []) {
	return {
		getInputData: () => items,
		getMode: () => mode,
		getWorkflow: () => ({ id: 'wf-1' }),
		getNode: () => ({ id: 'node-1', name: 'Bolna Trigger' }),
		helpers,
		logger: { warn: (m: string) => warnings.push(m) },
	} as unknown as IExecuteFunctions;
}

const event = (eventId: string): INodeExecutionData => ({ json: { eventId, status: 'completed' } });

describe('keepUnprocessedEvents (the database layer inside the run)', () => {
	it('passes a new event with its pairing and records it in the node scope with a bounded memory', async () => {
		const s = store();
		const out = await keepUnprocessedEvents.call(context([event('e1')], s));
		expect(out).toEqual([[{ json: { eventId: 'e1', status: 'completed' }, pairedItem: { item: 0 } }]]);
		const call = { items: ['e1'], scope: 'node', options: { mode: 'entries', maxEntries: PROCESSED_EVENTS_MEMORY } };
		// The write, then two checks in a row that it is still there.
		expect(s.calls).toEqual([call, call, call]);
	});

	it('ends the run with no items for an event that already ran (a replay after a restart)', async () => {
		const s = store();
		await keepUnprocessedEvents.call(context([event('e1')], s));
		expect(await keepUnprocessedEvents.call(context([event('e1')], s))).toEqual([[]]);
	});

	it('serialises overlapping checks of one trigger in this process, so 20 runs of one event give one', async () => {
		const s = store({ delayMs: 10 });
		const outs = await Promise.all(
			Array.from({ length: 20 }, async () => await keepUnprocessedEvents.call(context([event('same')], s))),
		);
		expect(outs.filter(([items]) => items.length === 1)).toHaveLength(1);
		// and distinct events all pass, none lost to an overwrite
		const distinct = await Promise.all(
			Array.from({ length: 20 }, async (_, i) => await keepUnprocessedEvents.call(context([event(`d${i}`)], s))),
		);
		expect(distinct.every(([items]) => items.length === 1)).toBe(true);
		expect(s.saved.filter((id) => id.startsWith('d'))).toHaveLength(20);
	});

	it('tries a failed write again, and lets the event run (with a warning) if the store stays down', async () => {
		const retried = store({ failures: 2 });
		expect((await keepUnprocessedEvents.call(context([event('e1')], retried)))[0]).toHaveLength(1);
		expect(retried.calls).toHaveLength(5);

		const down = store({ failures: 99 });
		const warnings: string[] = [];
		expect((await keepUnprocessedEvents.call(context([event('e2')], down, 'webhook', warnings)))[0]).toHaveLength(1);
		expect(down.calls).toHaveLength(4);
		expect(warnings[0]).toMatch(/processed-data store did not answer .*runs without the database duplicate check/);
	});

	it('writes an id again when another process overwrote it, so a later replay is still caught', async () => {
		const s = store();
		let lost = false;
		const overwriting = {
			checkProcessedAndRecord: async (items: Array<string | number>, scope: string, options: unknown) => {
				const result = await s.checkProcessedAndRecord(items, scope, options);
				if (!lost) {
					// Another worker's write of the same row, read before ours, lands after it.
					s.saved.splice(s.saved.indexOf('e1'), 1);
					lost = true;
				}
				return result;
			},
		};
		expect((await keepUnprocessedEvents.call(context([event('e1')], overwriting)))[0]).toHaveLength(1);
		expect(s.saved).toContain('e1');
		expect(await keepUnprocessedEvents.call(context([event('e1')], overwriting))).toEqual([[]]);
	});

	it('never holds back test events (manual mode) and works where n8n has no processed-data store', async () => {
		const s = store();
		await keepUnprocessedEvents.call(context([event('e1')], s));
		expect((await keepUnprocessedEvents.call(context([event('e1')], s, 'manual')))[0]).toHaveLength(1);
		expect((await keepUnprocessedEvents.call(context([event('e1')], {})))[0]).toHaveLength(1);
	});
});
