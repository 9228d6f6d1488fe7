import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { asArray } from '../../shared/transport/request';
import { blandRequest } from '../transport';

function filtered(
	entries: Array<{ name: string; value: string; description?: string }>,
	filter?: string,
): INodeListSearchResult {
	const needle = (filter ?? '').toLowerCase();
	const results = entries
		.filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.value.toLowerCase().includes(needle))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

/** Pathways of the account (GET /v1/pathway returns them all), filtered by name or ID. */
export async function searchPathways(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const pathways = asArray(await blandRequest.call(this, { method: 'GET', path: '/v1/pathway' }), 'pathways');
	return filtered(
		pathways
			.map((p) => ({ id: p.id ?? p.pathway_id, name: p.name }))
			.filter((p) => p.id !== undefined && p.id !== null)
			.map((p) => ({ name: String(p.name ?? p.id), value: String(p.id) })),
		filter,
	);
}

/** Voices (public and the account's clones), filtered by name, description or ID. */
export async function searchVoices(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const voices = asArray(await blandRequest.call(this, { method: 'GET', path: '/v1/voices' }), 'voices');
	const needle = (filter ?? '').toLowerCase();
	const results = voices
		.map((v: IDataObject) => ({
			name: v.description ? `${String(v.name ?? v.id)} (${String(v.description)})` : String(v.name ?? v.id),
			value: String(v.id ?? v.name),
		}))
		.filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.value.toLowerCase().includes(needle))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

/** Custom tools (v1) of the account, filtered by name or ID. */
export async function searchCustomTools(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const tools = asArray(await blandRequest.call(this, { method: 'GET', path: '/v1/tools' }), 'tools');
	return filtered(
		tools.map((t) => {
			const definition = (t.tool as IDataObject | undefined) ?? {};
			return { name: String(definition.name ?? t.label ?? t.tool_id), value: String(t.tool_id) };
		}),
		filter,
	);
}

/** Inbound numbers of the account (GET /v1/inbound), filtered by number or label. */
export async function searchInboundNumbers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const numbers = asArray(await blandRequest.call(this, { method: 'GET', path: '/v1/inbound' }), 'inbound_numbers');
	return filtered(
		numbers
			.filter((n) => typeof n.phone_number === 'string')
			.map((n) => ({ name: n.label ? `${String(n.phone_number)} (${String(n.label)})` : String(n.phone_number), value: String(n.phone_number) })),
		filter,
	);
}
