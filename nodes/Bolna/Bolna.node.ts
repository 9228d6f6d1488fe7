import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { actionSubtitle } from '../shared/descriptions/common';
import { properties } from './actions/description';
import { router } from './actions/router';
import { listSearch } from './methods';

export class Bolna implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bolna',
		name: 'bolna',
		icon: { light: 'file:bolna.svg', dark: 'file:bolna.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: actionSubtitle(properties),
		description: 'Place AI phone calls, run call batches and read call results on Bolna',
		defaults: { name: 'Bolna' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bolnaApi', required: true }],
		properties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
