import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputModeField, type OutputMode } from '../../../shared/descriptions/common';
import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireString } from '../../../shared/validation/params';
import { callIdField } from '../../descriptions/fields';
import { shapeCall } from '../../shaping';
import { blandRequest, unwrapData } from '../../transport';

const properties: INodeProperties[] = [
	callIdField,
	outputModeField('The call\'s "analysis" fields and "variables", plus disposition tag, call ID and status'),
];

export const description = forOperation('call', 'get', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const callId = requireString.call(this, 'callId', itemIndex, 'Call ID');
	const mode = this.getNodeParameter('outputMode', itemIndex, 'simplified') as OutputMode;
	const call = unwrapData<IDataObject>(
		await blandRequest.call(this, { method: 'GET', path: `/v1/calls/${pathSegment(callId)}`, itemIndex }),
	);
	return shapeCall(call ?? {}, mode);
}
