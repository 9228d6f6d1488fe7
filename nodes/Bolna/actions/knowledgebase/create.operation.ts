import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { buildMultipart, type MultipartPart } from '../../../shared/transport/multipart';
import { bolnaRequest } from '../../transport';
import { requireUrl } from '../agent/tool';

const properties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		default: 'file',
		options: [
			{ name: 'PDF File (Binary)', value: 'file', description: 'A PDF from the input item\'s binary data' },
			{ name: 'Web Page URL', value: 'url', description: 'A page Bolna reads itself' },
		],
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		displayOptions: { show: { source: ['file'] } },
		hint: 'The name of the input binary field holding the PDF',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/docs',
		displayOptions: { show: { source: ['url'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Chunk Size', name: 'chunkSize', type: 'number', typeOptions: { minValue: 1 }, default: 512 },
			{
				displayName: 'Multilingual',
				name: 'multilingual',
				type: 'boolean',
				default: false,
				description: 'Whether the knowledgebase serves calls in several languages',
			},
			{ displayName: 'Overlapping', name: 'overlapping', type: 'number', typeOptions: { minValue: 0 }, default: 128 },
			{
				displayName: 'Similarity Top K',
				name: 'similarityTopK',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 15,
				description: 'How many chunks the agent reads per question',
			},
		],
	},
];

export const description = forOperation('knowledgebase', 'create', properties);

/**
 * `POST /knowledgebase`, multipart/form-data: `file` (a PDF) or `url`, plus `chunk_size`,
 * `similarity_top_k`, `overlapping`, `language_support`. Bolna processes it afterwards: the answer's
 * `status` is `processing` until Get says `processed`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const source = this.getNodeParameter('source', itemIndex, 'file') as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const parts: MultipartPart[] = [];
	if (source === 'url') {
		parts.push({ name: 'url', value: requireUrl(node, this.getNodeParameter('url', itemIndex, ''), 'URL', itemIndex, ['https:', 'http:']) });
	} else {
		const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
		const binary = this.helpers.assertBinaryData(itemIndex, property);
		const isPdf = binary.mimeType === 'application/pdf' || (binary.fileName ?? '').toLowerCase().endsWith('.pdf');
		if (!isPdf) {
			throw new NodeOperationError(node, `The binary field "${property}" is not a PDF (${binary.mimeType})`, {
				itemIndex,
				description: 'Bolna builds knowledgebases from PDF files or web pages.',
			});
		}
		const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, property);
		parts.push({ name: 'file', value: buffer, filename: binary.fileName ?? 'document.pdf', contentType: 'application/pdf' });
	}
	const numbers: Array<[string, string]> = [
		['chunkSize', 'chunk_size'],
		['similarityTopK', 'similarity_top_k'],
		['overlapping', 'overlapping'],
	];
	for (const [option, field] of numbers) {
		if (typeof options[option] === 'number') parts.push({ name: field, value: String(options[option]) });
	}
	if (options.multilingual === true) parts.push({ name: 'language_support', value: 'multilingual' });
	const multipart = buildMultipart(parts);
	const response = await bolnaRequest.call(this, {
		method: 'POST',
		path: '/knowledgebase',
		body: multipart.body,
		headers: { 'Content-Type': multipart.contentType },
		itemIndex,
	});
	return response;
}
