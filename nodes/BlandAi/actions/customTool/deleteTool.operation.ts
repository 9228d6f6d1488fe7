import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireResourceId } from '../../../shared/validation/params';
import { customToolLocator } from '../../descriptions/fields';
import { blandRequest } from '../../transport';

export const description = forOperation('customTool', 'deleteTool', [customToolLocator]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const toolId = requireResourceId.call(this, 'toolId', itemIndex, 'Custom Tool');
	const response = await blandRequest.call(this, { method: 'DELETE', path: `/v1/tools/${pathSegment(toolId)}`, itemIndex });
	return { toolId, deleted: true, status: response.status ?? null };
}
