import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route } from '../../shared/router';
import type { OperationMap } from '../../shared/types';
import * as call from './call';

export const operations: OperationMap = {
	call: { make: call.make },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, operations);
}
