import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireString } from '../../../shared/validation/params';
import { executionIdField } from '../../descriptions/fields';
import { bolnaRequest } from '../../transport';
import type { BolnaCallStatus } from '../../types';

const properties: INodeProperties[] = [
	{
		...executionIdField,
		description: 'ID of the queued or scheduled call to stop, as returned by Make Call',
	},
];

export const description = forOperation('call', 'stop', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const executionId = requireString.call(this, 'executionId', itemIndex, 'Execution ID');
	const response = (await bolnaRequest.call(this, {
		method: 'POST',
		path: `/call/${pathSegment(executionId)}/stop`,
		itemIndex,
	})) as BolnaCallStatus;
	return {
		executionId: response.execution_id ?? executionId,
		status: response.status ?? null,
		message: response.message ?? null,
	};
}
