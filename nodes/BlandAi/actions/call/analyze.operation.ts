import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireString } from '../../../shared/validation/params';
import { callIdField } from '../../descriptions/fields';
import { blandRequest } from '../../transport';

const properties: INodeProperties[] = [
	callIdField,
	{
		displayName: 'Goal',
		name: 'goal',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Find out whether the customer wants a follow-up',
		description: 'What the call was for; gives the analysis context',
	},
	{
		displayName: 'Questions',
		name: 'questions',
		type: 'fixedCollection',
		placeholder: 'Add Question',
		required: true,
		typeOptions: { multipleValues: true },
		default: {},
		options: [
			{
				displayName: 'Question',
				name: 'values',
				values: [
					{
						displayName: 'Question',
						name: 'question',
						type: 'string',
						default: '',
						placeholder: 'Did the customer agree to a follow-up?',
					},
					{
						displayName: 'Answer Type',
						name: 'type',
						type: 'string',
						default: 'string',
						placeholder: 'boolean',
						description: 'Expected answer type, e.g. string, boolean, number, or a list of choices',
					},
				],
			},
		],
	},
];

export const description = forOperation('call', 'analyze', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const callId = requireString.call(this, 'callId', itemIndex, 'Call ID');
	const goal = requireString.call(this, 'goal', itemIndex, 'Goal');
	const collection = this.getNodeParameter('questions', itemIndex, {}) as IDataObject;
	const entries = (collection.values as Array<{ question?: string; type?: string }> | undefined) ?? [];
	const questions = entries
		.filter((q) => (q.question ?? '').trim() !== '')
		.map((q) => [String(q.question).trim(), (q.type ?? '').trim() || 'string']);
	if (questions.length === 0) {
		throw new NodeOperationError(this.getNode(), '"Questions" needs at least one question', { itemIndex });
	}
	// Analysis is billed and not idempotent: sent once.
	const response = await blandRequest.call(this, {
		method: 'POST',
		path: `/v1/calls/${pathSegment(callId)}/analyze`,
		body: { goal, questions },
		retry: 'once',
		itemIndex,
	});
	const questionTexts = questions.map((q) => q[0]);
	const answers = Array.isArray(response.answers) ? (response.answers as unknown[]) : [];
	return {
		callId,
		status: response.status ?? null,
		answers: questionTexts.map((question, i) => ({ question, answer: (answers[i] ?? null) as IDataObject[string] })),
		creditsUsed: response.credits_used ?? null,
	};
}
