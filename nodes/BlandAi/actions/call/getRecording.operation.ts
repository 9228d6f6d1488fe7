import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { recordingFields, recordingItem } from '../../../shared/transport/download';
import { pathSegment } from '../../../shared/transport/request';
import { requireString } from '../../../shared/validation/params';
import { callIdField } from '../../descriptions/fields';
import { blandRequest } from '../../transport';

const properties: INodeProperties[] = [callIdField, ...recordingFields()];

export const description = forOperation('call', 'getRecording', properties);

/** The output is a whole item: its JSON and, when downloaded, the MP3 as binary data. */
export const returnsItem = true;

/**
 * `GET /v1/calls/{call_id}/recording` with `accept: application/json` → `{status, url}` (Bland's
 * "Audio Recording" docs; only calls made with `record: true` have one, else 404), then, with
 * Download, the file from that URL (without credentials).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData> {
	const callId = requireString.call(this, 'callId', itemIndex, 'Call ID');
	const response = await blandRequest.call(this, {
		method: 'GET',
		path: `/v1/calls/${pathSegment(callId)}/recording`,
		headers: { accept: 'application/json' },
		itemIndex,
	});
	const url = typeof response.url === 'string' && response.url !== '' ? response.url : null;
	if (!url) {
		throw new NodeOperationError(this.getNode(), `Call ${callId} has no recording`, {
			itemIndex,
			description: 'Bland records only calls made with "Record" on, and the recording exists once the call has ended.',
		});
	}
	return await recordingItem.call(this, { callId, recordingUrl: url }, url, `bland-${callId}.mp3`, itemIndex);
}
