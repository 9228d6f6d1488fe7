import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { searchCustomTools } from './listSearch';

/** Custom tools for the Make Call "Tool Names or IDs" multi-select. */
export async function getCustomTools(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { results } = await searchCustomTools.call(this);
	return results.map((r) => ({ name: r.name, value: r.value }));
}
