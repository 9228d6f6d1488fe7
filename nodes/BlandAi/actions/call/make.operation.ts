import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { compact, requireResourceId, requireString } from '../../../shared/validation/params';
import { requireDestination } from '../../../shared/validation/phone';
import { buildCallSettings, callSettingOptions, optionalVoice } from '../../descriptions/callSettings';
import {
	callUsingField,
	pathwayLocator,
	pathwayOptionsField,
	personaIdField,
	taskField,
	voiceLocator,
} from '../../descriptions/fields';
import { blandAllowedPrefixes, blandRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName:
			"This dials a real person and is billed to your Bland account. Numbers outside the credential's allowed destination prefixes are refused before anything is sent.",
		name: 'makeCallNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+14155550123',
		description: 'Number to call, in E.164 format (+ country code + number)',
	},
	callUsingField,
	taskField,
	{ ...pathwayLocator, displayOptions: { show: { callUsing: ['pathway'] } } },
	pathwayOptionsField,
	personaIdField,
	voiceLocator,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: callSettingOptions,
	},
];

export const description = forOperation('call', 'make', properties);

/**
 * Builds and validates the POST /v1/calls body for one item; throws before any request on bad
 * input (number, allow-list, JSON fields, https webhook, settings a pathway would ignore).
 */
export async function buildMakeCallBody(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const prefixes = await blandAllowedPrefixes.call(this);
	const phoneNumber = requireDestination(
		node,
		this.getNodeParameter('phoneNumber', itemIndex, ''),
		'Phone Number',
		itemIndex,
		prefixes,
	);
	const callUsing = this.getNodeParameter('callUsing', itemIndex, 'task') as string;
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const settings = buildCallSettings(node, fields, itemIndex, { callUsing, where: 'Additional Fields' });

	const routing: IDataObject = {};
	if (callUsing === 'task') {
		routing.task = requireString.call(this, 'task', itemIndex, 'Task');
	} else if (callUsing === 'pathway') {
		const task = this.getNodeParameter('task', itemIndex, '') as unknown;
		if (typeof task === 'string' ? task.trim() !== '' : task !== undefined && task !== null) {
			throw new NodeOperationError(node, '"Task" is ignored by Bland when the call uses a pathway; clear it', {
				itemIndex,
			});
		}
		routing.pathway_id = requireResourceId.call(this, 'pathwayId', itemIndex, 'Pathway');
		const pathwayOptions = this.getNodeParameter('pathwayOptions', itemIndex, {}) as IDataObject;
		if (pathwayOptions.pathwayVersion !== undefined && pathwayOptions.pathwayVersion !== '') {
			routing.pathway_version = Number(pathwayOptions.pathwayVersion);
		}
		routing.start_node_id = pathwayOptions.startNodeId;
	} else if (callUsing === 'persona') {
		routing.persona_id = requireString.call(this, 'personaId', itemIndex, 'Persona ID');
	} else {
		throw new NodeOperationError(node, `"Call Using" must be task, pathway or persona (got "${callUsing}")`, {
			itemIndex,
		});
	}

	return compact({
		phone_number: phoneNumber,
		...routing,
		voice: optionalVoice(this, itemIndex),
		...settings,
	});
}

/** Sends the call exactly once: a retry after a 5xx or a dropped connection could dial the person twice. */
export async function sendCall(this: IExecuteFunctions, body: IDataObject, itemIndex: number): Promise<IDataObject> {
	return await blandRequest.call(this, { method: 'POST', path: '/v1/calls', body, retry: 'once', itemIndex });
}

/** The output item of a queued call. */
export function queuedCallOutput(response: IDataObject): IDataObject {
	return {
		callId: response.call_id ?? null,
		status: response.status ?? null,
		message: response.message ?? null,
		batchId: response.batch_id ?? null,
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = await buildMakeCallBody.call(this, itemIndex);
	const response = await sendCall.call(this, body, itemIndex);
	return queuedCallOutput(response);
}
