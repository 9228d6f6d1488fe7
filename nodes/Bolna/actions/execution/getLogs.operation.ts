import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { asArray, pathSegment } from '../../../shared/transport/request';
import { requireString } from '../../../shared/validation/params';
import { executionIdField } from '../../descriptions/fields';
import { bolnaRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		...executionIdField,
		description: 'ID of the call whose raw logs (LLM, transcriber, tool requests) to get',
	},
];

export const description = forOperation('execution', 'getLogs', properties);

/** GET /executions/{id}/log → `{status, data: [...]}`: one output item per log entry. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const executionId = requireString.call(this, 'executionId', itemIndex, 'Execution ID');
	const response = await bolnaRequest.call(this, {
		method: 'GET',
		path: `/executions/${pathSegment(executionId)}/log`,
		itemIndex,
	});
	return asArray(response, 'data').map((entry) =>
		entry && typeof entry === 'object' && !Array.isArray(entry)
			? { executionId, ...entry }
			: { executionId, value: entry },
	);
}
