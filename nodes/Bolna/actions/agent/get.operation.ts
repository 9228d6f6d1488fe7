import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireResourceId } from '../../../shared/validation/params';
import { agentLocator } from '../../descriptions/fields';
import { redactAgent } from '../../shaping';
import { bolnaRequest } from '../../transport';

export const description = forOperation('agent', 'get', [agentLocator]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const agentId = requireResourceId.call(this, 'agentId', itemIndex, 'Agent');
	const agent = await bolnaRequest.call(this, {
		method: 'GET',
		path: `/v2/agent/${pathSegment(agentId)}`,
		itemIndex,
	});
	return redactAgent(agent);
}
