import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route } from '../../shared/router';
import type { OperationMap } from '../../shared/types';
import * as account from './account';
import * as agent from './agent';
import * as batch from './batch';
import * as call from './call';
import * as execution from './execution';
import * as knowledgebase from './knowledgebase';
import * as phoneNumber from './phoneNumber';
import * as voice from './voice';

export const operations: OperationMap = {
	account: { get: account.get },
	agent: {
		create: agent.create,
		deleteAgent: agent.deleteAgent,
		get: agent.get,
		getMany: agent.getMany,
		stopQueuedCalls: agent.stopQueuedCalls,
		update: agent.update,
		upsertCustomTool: agent.upsertCustomTool,
	},
	batch: {
		create: batch.create,
		deleteBatch: batch.deleteBatch,
		get: batch.get,
		getExecutions: batch.getExecutions,
		getMany: batch.getMany,
		schedule: batch.schedule,
		stop: batch.stop,
	},
	call: { make: call.make, stop: call.stop },
	execution: {
		get: execution.get,
		getLogs: execution.getLogs,
		getMany: execution.getMany,
		getRecording: execution.getRecording,
	},
	knowledgebase: {
		create: knowledgebase.create,
		deleteKnowledgebase: knowledgebase.deleteKnowledgebase,
		get: knowledgebase.get,
		getMany: knowledgebase.getMany,
	},
	phoneNumber: {
		buy: phoneNumber.buy,
		deletePhoneNumber: phoneNumber.deletePhoneNumber,
		getMany: phoneNumber.getMany,
		removeInboundAgent: phoneNumber.removeInboundAgent,
		search: phoneNumber.search,
		setInboundAgent: phoneNumber.setInboundAgent,
	},
	voice: { getMany: voice.getMany },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, operations);
}
