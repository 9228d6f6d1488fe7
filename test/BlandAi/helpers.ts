import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { BlandAi } from '../../nodes/BlandAi/BlandAi.node';
import { node, registerNodeType, runWorkflow } from '../helpers/engine';

export const BLAND = 'https://api.bland.ai';
export const API_KEY = ['sk', 'bland', 'test', 'key', '123'].join('-');
export const ENCRYPTED_KEY = ['enc', 'twilio', 'test', '456'].join('-');
export const type = registerNodeType('blandAi', new BlandAi());

export function credentials(extra: IDataObject = {}) {
	return { blandAiApi: { apiKey: API_KEY, baseUrl: BLAND, allowedDestinations: '', encryptedKeySecret: '', ...extra } };
}

/** Runs one Bland AI node through n8n-core with the given parameters and input items. */
export async function runBland(
	parameters: IDataObject,
	options: {
		items?: INodeExecutionData[];
		credentials?: IDataObject;
		continueOnFail?: boolean;
		name?: string;
	} = {},
) {
	const name = options.name ?? 'Bland AI';
	const result = await runWorkflow({
		nodes: [
			node(name, type, parameters, {
				credentials: { blandAiApi: { id: '1', name: 'Bland' } },
				...(options.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
			}),
		],
		startNode: name,
		inputItems: options.items ?? [{ json: {} }],
		credentials: credentials(options.credentials) as never,
	});
	return { ...result, items: result.output(name), json: result.output(name).map((i) => i.json) };
}

/** Collects every request nock sees (also unmatched ones), to prove that nothing was sent. */
export function recordRequests(): { requests: string[]; stop: () => void } {
	const requests: string[] = [];
	const nock = require('nock') as typeof import('nock');
	const onNoMatch = (req: { method?: string; path?: string; href?: string }) =>
		requests.push(`${req.method} ${req.href ?? req.path}`);
	nock.emitter.on('no match', onNoMatch);
	return { requests, stop: () => nock.emitter.removeListener('no match', onNoMatch) };
}
