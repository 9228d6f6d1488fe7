import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OutputMode } from '../../../shared/descriptions/common';
import { outputModeField } from '../../../shared/descriptions/common';
import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireString } from '../../../shared/validation/params';
import { executionIdField } from '../../descriptions/fields';
import { shapeExecution } from '../../shaping';
import { bolnaRequest } from '../../transport';

const properties: INodeProperties[] = [
	executionIdField,
	outputModeField(
		'Only the fields the agent extracted from the call, plus its ID and status. Empty until the call is completed.',
	),
];

export const description = forOperation('execution', 'get', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const executionId = requireString.call(this, 'executionId', itemIndex, 'Execution ID');
	const mode = this.getNodeParameter('outputMode', itemIndex, 'simplified') as OutputMode;
	const execution = await bolnaRequest.call(this, {
		method: 'GET',
		path: `/executions/${pathSegment(executionId)}`,
		itemIndex,
	});
	return shapeExecution(execution, mode);
}
