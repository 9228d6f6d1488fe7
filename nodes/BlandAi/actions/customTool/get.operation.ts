import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireResourceId } from '../../../shared/validation/params';
import { customToolLocator } from '../../descriptions/fields';
import { blandRequest } from '../../transport';
import { shapeTool } from './definition';

export const description = forOperation('customTool', 'get', [customToolLocator]);

/** GET /v1/tools/{id}: `{status, tool: {tool_id, label, tool: {...definition}, public}}`. */
export async function fetchTool(this: IExecuteFunctions, toolId: string, itemIndex: number): Promise<IDataObject> {
	return await blandRequest.call(this, { method: 'GET', path: `/v1/tools/${pathSegment(toolId)}`, itemIndex });
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const toolId = requireResourceId.call(this, 'toolId', itemIndex, 'Custom Tool');
	const response = await fetchTool.call(this, toolId, itemIndex);
	return shapeTool(response);
}
