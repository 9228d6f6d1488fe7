import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireResourceId } from '../../../shared/validation/params';
import { agentLocator } from '../../descriptions/fields';
import { bolnaRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Deleting an agent cannot be undone. Its calls and batches stay in Bolna.',
		name: 'deleteAgentNotice',
		type: 'notice',
		default: '',
	},
	{ ...agentLocator, description: 'The agent to delete' },
];

export const description = forOperation('agent', 'deleteAgent', properties);

/** `DELETE /v2/agent/{agent_id}` → `{message: "success", state: "deleted"}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const agentId = requireResourceId.call(this, 'agentId', itemIndex, 'Agent');
	const response = await bolnaRequest.call(this, { method: 'DELETE', path: `/v2/agent/${pathSegment(agentId)}`, itemIndex });
	return { agentId, deleted: true, state: response.state ?? null };
}
