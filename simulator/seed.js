'use strict';
/**
 * The data the simulator starts with (and returns to on reset). Ids are fixed so tests,
 * examples and the demo can refer to them.
 */

const DEFAULT_KEYS = Object.freeze({
	bolnaApiKey: 'bn-sim-key',
	blandApiKey: 'sk-sim-key',
	blandWebhookSecret: 'whsec-sim',
});

const BOLNA_AGENT_ID = '5a1e5000-0000-4000-8000-000000000001';
const BOLNA_AGENT_ID_2 = '5a1e5000-0000-4000-8000-000000000002';
const BOLNA_AGENT_NAME = 'Lead Qualifier';
const BOLNA_AGENT_NAME_2 = 'Appointment Reminder';
/** The number Bolna calls come from when the request names none. */
const BOLNA_DEFAULT_FROM = '+19876543007';
/** The account's one Bolna phone number (`GET /phone-numbers/all`). */
const BOLNA_PHONE_NUMBER_ID = '9b0e500000004000800000000000001a';
const BOLNA_VOICE_IDS = Object.freeze(['Matthew', '21m00Tcm4TlvDq8ikWAM', 'aura-asteria-en']);

const BLAND_PATHWAY_ID = 'b1a2d000-0000-4000-8000-000000000001';
const BLAND_PATHWAY_ID_2 = 'b1a2d000-0000-4000-8000-000000000002';
const BLAND_PATHWAY_NAME = 'Lead Qualification';
const BLAND_PATHWAY_NAME_2 = 'Support Triage';
const BLAND_VOICE_IDS = Object.freeze(['2f9fdbc7-4bf2-4792-8a18-21ce3c93978f', '37b3f1c8-a01e-4d70-b251-294733f08371']);
const BLAND_VOICE_NAMES = Object.freeze(['maya', 'ryan']);
const BLAND_TOOL_ID = 'TL-5e1e5000-0000-4000-8000-000000000001';
const BLAND_INBOUND_NUMBER = '+14155550100';
/** The number Bland calls come from when the request names none. */
const BLAND_DEFAULT_FROM = '+14155550199';

/** Everything above in one object (what the CLI prints). */
const SEED = Object.freeze({
	bolna: {
		agentIds: [BOLNA_AGENT_ID, BOLNA_AGENT_ID_2],
		agentNames: [BOLNA_AGENT_NAME, BOLNA_AGENT_NAME_2],
		phoneNumberId: BOLNA_PHONE_NUMBER_ID,
		voiceIds: [...BOLNA_VOICE_IDS],
	},
	bland: {
		pathwayIds: [BLAND_PATHWAY_ID, BLAND_PATHWAY_ID_2],
		pathwayNames: [BLAND_PATHWAY_NAME, BLAND_PATHWAY_NAME_2],
		voiceIds: [...BLAND_VOICE_IDS],
		voiceNames: [...BLAND_VOICE_NAMES],
		toolId: BLAND_TOOL_ID,
		inboundNumber: BLAND_INBOUND_NUMBER,
	},
});

const SEED_TIME = '2026-01-05T09:00:00.000Z';

/**
 * A Bolna agent's stored form: `agent_config` holds what PATCH/PUT change.
 * @param {{ id: string, agent_name: string, agent_welcome_message?: string, webhook_url?: string | null, system_prompt?: string, created_at?: string }} spec
 */
function bolnaAgent(spec) {
	const created = spec.created_at || SEED_TIME;
	return {
		id: spec.id,
		agent_status: 'processed',
		created_at: created,
		updated_at: created,
		agent_config: {
			agent_name: spec.agent_name,
			agent_type: 'other',
			agent_welcome_message: spec.agent_welcome_message ?? `Hello, this is ${spec.agent_name}.`,
			webhook_url: spec.webhook_url ?? null,
			tasks: [
				{
					task_type: 'conversation',
					tools_config: {
						llm_agent: {
							agent_type: 'simple_llm_agent',
							agent_flow_type: 'streaming',
							llm_config: { provider: 'openai', family: 'openai', model: 'gpt-4.1-mini', max_tokens: 150, temperature: 0.1 },
						},
						synthesizer: {
							provider: 'polly',
							provider_config: { voice: 'Matthew', engine: 'generative', sampling_rate: '8000', language: 'en-US' },
							stream: true,
							buffer_size: 150,
							audio_format: 'wav',
						},
						transcriber: { provider: 'deepgram', model: 'nova-2', language: 'en', stream: true, sampling_rate: 16000, encoding: 'linear16', endpointing: 100 },
						input: { provider: 'twilio', format: 'wav' },
						output: { provider: 'twilio', format: 'wav' },
						api_tools: null,
					},
					toolchain: { execution: 'parallel', pipelines: [['transcriber', 'llm', 'synthesizer']] },
					task_config: { hangup_after_silence: 10, call_terminate: 90 },
				},
			],
		},
		agent_prompts: { task_1: { system_prompt: spec.system_prompt ?? `You are ${spec.agent_name}. Be brief and friendly.` } },
	};
}

/**
 * A valid two- or three-node pathway graph.
 * @param {string} greeting
 * @param {boolean} withTransfer
 */
function pathwayGraph(greeting, withTransfer) {
	const nodes = [
		{ id: '1', type: 'Default', data: { name: 'Start', text: greeting, isStart: true } },
		{ id: 'end', type: 'End Call', data: { name: 'End call', prompt: 'Thank the caller and say goodbye.' } },
	];
	const edges = [{ id: 'edge-1-end', source: '1', target: 'end', label: 'done' }];
	if (withTransfer) {
		nodes.push({ id: 'transfer', type: 'Transfer Call', data: { name: 'Transfer', text: 'Transferring you now.', transferNumber: '+14155550142' } });
		edges.push({ id: 'edge-1-transfer', source: '1', target: 'transfer', label: 'wants a human' });
	}
	return { nodes, edges };
}

/** A fresh copy of the seeded state. */
function seedState() {
	const pathway1 = pathwayGraph('Hi, I am calling about your enquiry. Is now a good time?', false);
	const pathway2 = pathwayGraph('Thanks for calling support. What can I help you with?', true);
	return {
		bolna: {
			user: { id: '5a1e5000-0000-4000-8000-0000000000aa', name: 'Simulator User', email: 'sim@example.com', wallet: 42.42, concurrency: { max: 10 } },
			agents: {
				[BOLNA_AGENT_ID]: bolnaAgent({ id: BOLNA_AGENT_ID, agent_name: BOLNA_AGENT_NAME }),
				[BOLNA_AGENT_ID_2]: bolnaAgent({ id: BOLNA_AGENT_ID_2, agent_name: BOLNA_AGENT_NAME_2 }),
			},
			/** @type {Record<string, any>} */
			executions: {},
			/** @type {Record<string, any>} */
			batches: {},
			voices: [
				{ id: 'c1e5000a-0000-4000-8000-000000000001', voice_id: BOLNA_VOICE_IDS[0], provider: 'polly', name: 'Matthew', model: 'generative', accent: 'en-US' },
				{ id: 'c1e5000a-0000-4000-8000-000000000002', voice_id: BOLNA_VOICE_IDS[1], provider: 'elevenlabs', name: 'Rachel', model: 'eleven_turbo_v2_5', accent: 'American' },
				{ id: 'c1e5000a-0000-4000-8000-000000000003', voice_id: BOLNA_VOICE_IDS[2], provider: 'deepgram', name: 'Asteria', model: 'aura-asteria-en', accent: 'American' },
			],
			phoneNumbers: {
				[BOLNA_PHONE_NUMBER_ID]: {
					id: BOLNA_PHONE_NUMBER_ID,
					humanized_created_at: '11 months ago',
					created_at: SEED_TIME,
					humanized_updated_at: '11 months ago',
					updated_at: SEED_TIME,
					renewal_at: '2027-01-05',
					phone_number: BOLNA_DEFAULT_FROM,
					agent_id: null,
					price: '5.0',
					telephony_provider: 'twilio',
					rented: true,
				},
			},
			/** @type {Record<string, any>} */
			knowledgebases: {},
		},
		bland: {
			account: { status: 'active', billing: { current_balance: 25.0, refill_to: null } },
			/** @type {Record<string, any>} */
			calls: {},
			/** @type {Record<string, any>} */
			batches: {},
			pathways: {
				[BLAND_PATHWAY_ID]: {
					id: BLAND_PATHWAY_ID,
					name: BLAND_PATHWAY_NAME,
					description: 'Qualifies inbound leads',
					...pathway1,
					created_at: SEED_TIME,
					versions: [{ id: `${BLAND_PATHWAY_ID}-v1`, version_number: 1, name: 'Initial version', created_at: SEED_TIME, ...pathway1 }],
					published: { production: 1, staging: null },
				},
				[BLAND_PATHWAY_ID_2]: {
					id: BLAND_PATHWAY_ID_2,
					name: BLAND_PATHWAY_NAME_2,
					description: 'Routes support calls',
					...pathway2,
					created_at: SEED_TIME,
					versions: [{ id: `${BLAND_PATHWAY_ID_2}-v1`, version_number: 1, name: 'Initial version', created_at: SEED_TIME, ...pathway2 }],
					published: { production: 1, staging: null },
				},
			},
			tools: {
				[BLAND_TOOL_ID]: {
					tool_id: BLAND_TOOL_ID,
					label: null,
					public: false,
					tool: {
						name: 'BookAppointment',
						description: 'Books the appointment. Can only be used once.',
						speech: 'Please wait while I book that appointment for you',
						method: 'POST',
						timeout: 10000,
						url: 'https://example.com/book',
						headers: {},
						body: { date: '{{input.date}}', time: '{{input.time}}' },
						query: {},
						input_schema: {
							type: 'object',
							example: { date: '2026-03-16', time: '5:00 PM' },
							required: ['date', 'time'],
							properties: { date: 'YYYY-MM-DD', time: 'HH:MM (AM|PM)' },
						},
						response: { confirmation_message: '$.message' },
					},
				},
			},
			voices: [
				{ id: BLAND_VOICE_IDS[0], name: BLAND_VOICE_NAMES[0], description: 'Young American Female', public: true, tags: ['english', 'soft', 'Bland Curated'], total_ratings: 12, average_rating: 4.5 },
				{ id: BLAND_VOICE_IDS[1], name: BLAND_VOICE_NAMES[1], description: 'Professional American Male', public: true, tags: ['english', 'Bland Curated'], total_ratings: 9, average_rating: 4.2 },
			],
			inbound: {
				[BLAND_INBOUND_NUMBER]: {
					created_at: '2026-01-05T09:00:00.000000+00:00',
					phone_number: BLAND_INBOUND_NUMBER,
					prompt: 'You are the front desk. Greet the caller and find out what they need.',
					webhook: null,
					voice_id: 2,
					dynamic_data: null,
					interruption_threshold: null,
					first_sentence: null,
					transfer_phone_number: null,
					record: false,
					max_duration: 30,
					background_track: null,
					pathway_id: null,
					fallback_number: null,
				},
			},
		},
		/** @type {any[]} */
		deliveries: [],
	};
}

module.exports = {
	DEFAULT_KEYS,
	BOLNA_AGENT_ID,
	BOLNA_AGENT_ID_2,
	BOLNA_AGENT_NAME,
	BOLNA_AGENT_NAME_2,
	BOLNA_DEFAULT_FROM,
	BOLNA_PHONE_NUMBER_ID,
	BOLNA_VOICE_IDS,
	BLAND_PATHWAY_ID,
	BLAND_PATHWAY_ID_2,
	BLAND_PATHWAY_NAME,
	BLAND_PATHWAY_NAME_2,
	BLAND_VOICE_IDS,
	BLAND_VOICE_NAMES,
	BLAND_TOOL_ID,
	BLAND_INBOUND_NUMBER,
	BLAND_DEFAULT_FROM,
	SEED,
	bolnaAgent,
	pathwayGraph,
	seedState,
};
