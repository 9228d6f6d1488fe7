import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** "Download" + "Put Output File in Field" of the Get Recording operations. */
export function recordingFields(): INodeProperties[] {
	return [
		{
			displayName: 'Download',
			name: 'download',
			type: 'boolean',
			default: true,
			description:
				'Whether to download the recording as binary data (an MP3 file), or only output its URL. Recording URLs are temporary: download it if you keep it.',
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			displayOptions: { show: { download: [true] } },
			hint: 'The name of the output binary field to put the file in',
		},
	];
}

/**
 * Downloads a recording URL the API returned and prepares it as binary data. The request goes to
 * the URL as it is (a presigned storage link) **without** the account's credentials, so the API
 * key never reaches another host. Only http(s) URLs are fetched.
 */
export async function downloadRecording(
	this: IExecuteFunctions,
	url: string,
	fileName: string,
	itemIndex: number,
): Promise<IBinaryKeyData> {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new NodeOperationError(this.getNode(), `The recording URL is not a valid URL: ${url}`, { itemIndex });
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		throw new NodeOperationError(this.getNode(), `The recording URL is not an http(s) URL: ${parsed.protocol}`, { itemIndex });
	}
	const property = (this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string).trim() || 'data';
	const response = (await this.helpers.httpRequest({
		method: 'GET',
		url,
		encoding: 'arraybuffer',
		returnFullResponse: true,
		json: false,
	})) as { body: ArrayBuffer | Buffer; headers: Record<string, string | undefined> };
	const body = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body);
	const mimeType = (response.headers['content-type'] ?? 'audio/mpeg').split(';')[0].trim() || 'audio/mpeg';
	return { [property]: await this.helpers.prepareBinaryData(body, fileName, mimeType) };
}

/**
 * The output item of a Get Recording operation: `json`, plus the downloaded file when the item's
 * "Download" is on.
 */
export async function recordingItem(
	this: IExecuteFunctions,
	json: IDataObject,
	url: string,
	fileName: string,
	itemIndex: number,
): Promise<INodeExecutionData> {
	if (!(this.getNodeParameter('download', itemIndex, true) as boolean)) return { json };
	return { json, binary: await downloadRecording.call(this, url, fileName, itemIndex) };
}
