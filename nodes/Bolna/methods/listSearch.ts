import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { asArray } from '../../shared/transport/request';
import { bolnaRequest } from '../transport';

/** Agents of the account, filtered by name or ID. GET /v2/agent/all returns a bare array. */
export async function searchAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const agents = asArray(await bolnaRequest.call(this, { method: 'GET', path: '/v2/agent/all' }));
	const needle = (filter ?? '').toLowerCase();
	const results = agents
		.map((agent) => ({
			name: String(agent.agent_name ?? agent.name ?? agent.id),
			value: String(agent.id),
		}))
		.filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.value.includes(needle))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
