import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** How many recent event keys a trigger remembers (per node, in workflow static data). */
export const DEDUPE_MEMORY = 500;

const STORE_KEY = 'recentEventKeys';

/** Keys come from the payload, so they are hashed: static data stays small whatever arrives. */
function digest(key: string): string {
	return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32);
}

function storeOf(staticData: IDataObject): string[] {
	const list = staticData[STORE_KEY];
	return Array.isArray(list) ? (list.filter((k) => typeof k === 'string') as string[]) : [];
}

/** Whether an event with this key was already delivered to the workflow. */
export function seenBefore(staticData: IDataObject, key: string): boolean {
	return storeOf(staticData).includes(digest(key));
}

/** Remembers `key`, forgetting the oldest keys beyond `max`. */
export function remember(staticData: IDataObject, key: string, max = DEDUPE_MEMORY): void {
	const list = storeOf(staticData);
	const hashed = digest(key);
	if (!list.includes(hashed)) list.push(hashed);
	staticData[STORE_KEY] = list.slice(Math.max(0, list.length - max));
}

/** Builds a dedupe key from parts that cannot run into each other. */
export function eventKey(...parts: Array<string | number | null | undefined>): string {
	return JSON.stringify(parts.map((p) => (p === null || p === undefined ? '' : String(p))));
}
