import { readFileSync } from 'fs';
import { join } from 'path';

/** A webhook fixture: its exact bytes (what a provider sends and signs) and its JSON. */
export function fixture<T = Record<string, unknown>>(name: string): { raw: string; json: T } {
	const raw = readFileSync(join(__dirname, '..', 'fixtures', 'webhooks', name), 'utf8');
	return { raw, json: JSON.parse(raw) as T };
}

/**
 * Every item a trigger emits carries a stable `eventId` (32 hex characters); this checks it and
 * takes it off, so tests can compare the rest of the item with the documented shapes.
 */
export function withoutEventIds<T extends { result: { workflowData?: Array<Array<{ json: Record<string, unknown> }>> } }>(call: T): T {
	for (const item of call.result.workflowData?.[0] ?? []) {
		expect(item.json.eventId).toMatch(/^[0-9a-f]{32}$/);
		delete item.json.eventId;
	}
	return call;
}
