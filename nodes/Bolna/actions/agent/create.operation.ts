import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { asArray } from '../../../shared/transport/request';
import { parseJsonField } from '../../../shared/validation/json';
import { requireString } from '../../../shared/validation/params';
import { voiceLocator } from '../../descriptions/fields';
import { bolnaRequest } from '../../transport';
import { requireUrl } from './tool';

const properties: INodeProperties[] = [
	{
		displayName: 'Agent Name',
		name: 'agentName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Lead Qualifier',
	},
	{
		displayName: 'System Prompt',
		name: 'systemPrompt',
		type: 'string',
		typeOptions: { rows: 5 },
		required: true,
		default: '',
		placeholder: 'e.g. You are Ada from Acme. Ask {customer_name} whether they want a demo.',
		description: 'What the agent does on calls; {variables} are filled from the call\'s user data',
	},
	{
		...voiceLocator,
		required: false,
		description:
			'The voice the agent speaks with. Empty: Amazon Polly "Matthew" (the voice of Bolna\'s documented example agent).',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'LLM Model',
				name: 'llmModel',
				type: 'string',
				default: 'gpt-4.1-mini',
				description: 'OpenAI model the agent thinks with',
			},
			{
				displayName: 'Tasks (JSON)',
				name: 'tasks',
				type: 'json',
				default: '',
				description:
					'The whole agent_config.tasks list as Bolna documents it, for settings not offered here. Replaces LLM Model and Voice.',
			},
			{
				displayName: 'Webhook URL',
				name: 'webhookUrl',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/webhook/bolna',
				description: 'Where Bolna posts every status change of the agent\'s calls',
			},
			{
				displayName: 'Welcome Message',
				name: 'welcomeMessage',
				type: 'string',
				default: '',
				placeholder: 'e.g. Hi {customer_name}, this is Ada from Acme.',
				description: 'The first thing the agent says',
			},
		],
	},
];

export const description = forOperation('agent', 'create', properties);

/** A synthesizer for a voice of `GET /me/voices`, in the provider's documented config shape. */
function synthesizerFor(voice: IDataObject | undefined): IDataObject {
	const base = { stream: true, buffer_size: 150, audio_format: 'wav' };
	if (!voice) {
		return { provider: 'polly', provider_config: { voice: 'Matthew', engine: 'generative', sampling_rate: '8000', language: 'en-US' }, ...base };
	}
	const provider = String(voice.provider ?? '').toLowerCase();
	const name = String(voice.name ?? voice.voice_id);
	if (provider === 'polly') {
		return { provider, provider_config: { voice: name, engine: 'generative', sampling_rate: '8000', language: 'en-US' }, ...base };
	}
	if (provider === 'elevenlabs') {
		return { provider, provider_config: { voice: name, voice_id: String(voice.voice_id), model: String(voice.model ?? 'eleven_turbo_v2_5') }, ...base };
	}
	if (provider === 'deepgram') {
		return { provider, provider_config: { voice: name, model: String(voice.model ?? voice.voice_id) }, ...base };
	}
	throw new Error(provider);
}

/** The one conversation task of Bolna's documented example agent, with the chosen model and voice. */
export function defaultTasks(model: string, synthesizer: IDataObject): IDataObject[] {
	return [
		{
			task_type: 'conversation',
			tools_config: {
				llm_agent: {
					agent_type: 'simple_llm_agent',
					agent_flow_type: 'streaming',
					llm_config: { provider: 'openai', family: 'openai', model, max_tokens: 150, temperature: 0.1 },
				},
				synthesizer,
				transcriber: { provider: 'deepgram', model: 'nova-2', language: 'en', stream: true, sampling_rate: 16000, encoding: 'linear16', endpointing: 100 },
				input: { provider: 'twilio', format: 'wav' },
				output: { provider: 'twilio', format: 'wav' },
				api_tools: null,
			},
			toolchain: { execution: 'parallel', pipelines: [['transcriber', 'llm', 'synthesizer']] },
			task_config: { hangup_after_silence: 10, call_terminate: 90 },
		},
	];
}

/** `POST /v2/agent` with `{agent_config, agent_prompts}` (AgentRequestV2). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const agentName = requireString.call(this, 'agentName', itemIndex, 'Agent Name');
	const systemPrompt = requireString.call(this, 'systemPrompt', itemIndex, 'System Prompt');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const voiceId = String(this.getNodeParameter('voiceId', itemIndex, '', { extractValue: true }) ?? '').trim();
	const webhookUrl =
		typeof options.webhookUrl === 'string' && options.webhookUrl.trim() !== ''
			? requireUrl(node, options.webhookUrl, 'Webhook URL', itemIndex, ['https:', 'http:'])
			: undefined;
	let tasks = parseJsonField<IDataObject[]>(node, options.tasks, 'Tasks (JSON)', itemIndex, 'array');
	if (tasks && (tasks.length === 0 || tasks.some((t) => !t || typeof t !== 'object' || Array.isArray(t)))) {
		throw new NodeOperationError(node, '"Tasks (JSON)" must be a non-empty list of task objects', { itemIndex });
	}
	if (!tasks) {
		let voice: IDataObject | undefined;
		if (voiceId !== '') {
			const voices = asArray(await bolnaRequest.call(this, { method: 'GET', path: '/me/voices', itemIndex }));
			voice = voices.find((v) => [v.voice_id, v.id, v.name].map(String).includes(voiceId));
			if (!voice) throw new NodeOperationError(node, `Voice ${voiceId} is not among the account's voices`, { itemIndex });
		}
		let synthesizer: IDataObject;
		try {
			synthesizer = synthesizerFor(voice);
		} catch (error) {
			throw new NodeOperationError(node, `Voice ${voiceId} uses the ${(error as Error).message} provider; set it up with "Tasks (JSON)"`, { itemIndex });
		}
		const model = typeof options.llmModel === 'string' && options.llmModel.trim() !== '' ? options.llmModel.trim() : 'gpt-4.1-mini';
		tasks = defaultTasks(model, synthesizer);
	}
	const welcome = typeof options.welcomeMessage === 'string' ? options.welcomeMessage.trim() : '';
	const body = {
		agent_config: {
			agent_name: agentName,
			...(welcome ? { agent_welcome_message: welcome } : {}),
			...(webhookUrl ? { webhook_url: webhookUrl } : {}),
			agent_type: 'other',
			tasks,
		},
		agent_prompts: { task_1: { system_prompt: systemPrompt } },
	};
	const response = await bolnaRequest.call(this, { method: 'POST', path: '/v2/agent', body, itemIndex });
	return { agentId: response.agent_id ?? null, status: response.status ?? null, agentName };
}
