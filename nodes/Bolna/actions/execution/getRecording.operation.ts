import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { recordingFields, recordingItem } from '../../../shared/transport/download';
import { pathSegment } from '../../../shared/transport/request';
import { requireString } from '../../../shared/validation/params';
import { asObject } from '../../../shared/values';
import { executionIdField } from '../../descriptions/fields';
import { bolnaRequest } from '../../transport';

const properties: INodeProperties[] = [executionIdField, ...recordingFields()];

export const description = forOperation('execution', 'getRecording', properties);

/** The output is a whole item: its JSON and, when downloaded, the MP3 as binary data. */
export const returnsItem = true;

/**
 * `GET /executions/{id}` → `telephony_data.recording_url` (a presigned, expiring link that Bolna
 * fills once the call is `completed`), then, with Download, the file itself (without credentials).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const executionId = requireString.call(this, 'executionId', itemIndex, 'Execution ID');
	const execution = await bolnaRequest.call(this, {
		method: 'GET',
		path: `/executions/${pathSegment(executionId)}`,
		itemIndex,
	});
	const url = asObject(execution.telephony_data).recording_url;
	const json = { executionId, status: execution.status ?? null, recordingUrl: typeof url === 'string' && url !== '' ? url : null };
	if (!json.recordingUrl) {
		throw new NodeOperationError(this.getNode(), `Execution ${executionId} has no recording (status ${String(json.status)})`, {
			itemIndex,
			description: 'Bolna adds the recording URL once the call is completed, about 2-3 minutes after the hang-up.',
		});
	}
	return await recordingItem.call(this, json, json.recordingUrl, `bolna-${executionId}.mp3`, itemIndex);
}
