import { readFileSync } from 'fs';
import { join } from 'path';

/** A webhook fixture: its exact bytes (what a provider sends and signs) and its JSON. */
export function fixture<T = Record<string, unknown>>(name: string): { raw: string; json: T } {
	const raw = readFileSync(join(__dirname, '..', 'fixtures', 'webhooks', name), 'utf8');
	return { raw, json: JSON.parse(raw) as T };
}
