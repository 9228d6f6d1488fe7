import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { asArray } from '../../shared/transport/request';
import { bolnaRequest } from '../transport';

/** One list for a resource locator: GET `path` (a bare array), named and filtered by name or ID. */
async function search(
	context: ILoadOptionsFunctions,
	path: string,
	filter: string | undefined,
	entry: (item: IDataObject) => { name: string; value: string },
): Promise<INodeListSearchResult> {
	const items = asArray(await bolnaRequest.call(context, { method: 'GET', path }));
	const needle = (filter ?? '').toLowerCase();
	const results = items
		.map(entry)
		.filter((r) => r.value !== '' && (!needle || r.name.toLowerCase().includes(needle) || r.value.toLowerCase().includes(needle)))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

/** Agents of the account, filtered by name or ID. GET /v2/agent/all returns a bare array. */
export async function searchAgents(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await search(this, '/v2/agent/all', filter, (agent) => ({
		name: String(agent.agent_name ?? agent.name ?? agent.id),
		value: String(agent.id),
	}));
}

/** Voices available to the account (GET /me/voices): "Matthew (polly, en-US)". */
export async function searchVoices(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await search(this, '/me/voices', filter, (voice) => ({
		name: `${String(voice.name ?? voice.voice_id)} (${[voice.provider, voice.accent].filter(Boolean).join(', ')})`,
		value: String(voice.voice_id ?? voice.id ?? ''),
	}));
}

/** Phone numbers of the account (GET /phone-numbers/all). */
export async function searchPhoneNumbers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await search(this, '/phone-numbers/all', filter, (number) => ({
		name: `${String(number.phone_number)}${number.telephony_provider ? ` (${String(number.telephony_provider)})` : ''}`,
		value: String(number.id ?? ''),
	}));
}

/** Knowledgebases of the account (GET /knowledgebase/all). */
export async function searchKnowledgebases(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await search(this, '/knowledgebase/all', filter, (kb) => ({
		name: `${String(kb.file_name ?? kb.rag_id)}${kb.status ? ` (${String(kb.status)})` : ''}`,
		value: String(kb.rag_id ?? ''),
	}));
}
