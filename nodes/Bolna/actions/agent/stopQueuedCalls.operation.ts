import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireResourceId } from '../../../shared/validation/params';
import { agentLocator } from '../../descriptions/fields';
import { bolnaRequest } from '../../transport';

const properties: INodeProperties[] = [
	{ ...agentLocator, description: 'The agent whose queued calls to stop' },
];

export const description = forOperation('agent', 'stopQueuedCalls', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const agentId = requireResourceId.call(this, 'agentId', itemIndex, 'Agent');
	const response = await bolnaRequest.call(this, {
		method: 'POST',
		path: `/v2/agent/${pathSegment(agentId)}/stop`,
		itemIndex,
	});
	const stopped = Array.isArray(response.stopped_executions)
		? (response.stopped_executions as unknown[]).map(String)
		: [];
	return { agentId, stoppedExecutions: stopped, stoppedCount: stopped.length };
}
