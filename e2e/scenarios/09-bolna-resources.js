'use strict';
/**
 * The Bolna resources added for issue 11, in a real n8n against the strict simulator (which
 * refuses any undocumented field): Agent Create (with a voice from the list) and Delete, Account,
 * Voices, Phone Numbers (Search, Buy, Set/Remove Inbound Agent, Delete) and a Knowledgebase built
 * from a PDF that arrives as binary data.
 */
const seed = require('../../simulator/seed');
const { TYPES, node, webhookWorkflow, byId } = require('../lib/workflow');
const { assert, requireOperation, eventually, requestsTo } = require('../lib/check');

const bolna = (name, parameters) => node(name, TYPES.bolna, parameters, { credentials: 'bolnaApi' });

module.exports = async function bolnaResources(ctx) {
	const { n8n, sim, credentials } = ctx;
	for (const [resource, operation] of [
		['agent', 'create'],
		['agent', 'deleteAgent'],
		['account', 'get'],
		['voice', 'getMany'],
		['phoneNumber', 'buy'],
		['phoneNumber', 'setInboundAgent'],
		['knowledgebase', 'create'],
		['knowledgebase', 'deleteKnowledgebase'],
	]) {
		requireOperation(ctx, TYPES.bolna, resource, operation);
	}

	// Agent with an ElevenLabs voice, a bought number answering with it, then everything removed.
	await n8n.deploy(
		webhookWorkflow('E2E Bolna agent and number', 'e2e-bolna-agent-number', [
			bolna('Create Agent', {
				resource: 'agent',
				operation: 'create',
				agentName: 'E2E Receptionist',
				systemPrompt: 'Greet the caller and take a message.',
				voiceId: byId(seed.BOLNA_VOICE_IDS[1]),
				options: { welcomeMessage: 'Hello, Acme here.' },
			}),
			bolna('Search Numbers', { resource: 'phoneNumber', operation: 'search', country: 'US', pattern: '0171', limit: 1 }),
			bolna('Buy Number', { resource: 'phoneNumber', operation: 'buy', country: 'US', phoneNumber: '={{ $json.phone_number }}' }),
			bolna('Answer With Agent', {
				resource: 'phoneNumber',
				operation: 'setInboundAgent',
				phoneNumberId: byId('={{ $json.id }}'),
				agentId: byId("={{ $('Create Agent').item.json.agentId }}"),
			}),
			bolna('Account', { resource: 'account', operation: 'get' }),
		]),
		credentials,
	);
	const res = await n8n.webhook('e2e-bolna-agent-number', {});
	assert.equal(res.status, 200, `agent and number answered ${res.status}: ${JSON.stringify(res.data)}`);
	const account = res.data[0];
	assert.equal(account.walletBalance, 37.42, 'the number cost 5 from the 42.42 wallet');
	const created = requestsTo(sim, 'POST', '/v2/agent');
	assert.equal(created.length, 1);
	assert.equal(created[0].responseStatus, 200);
	const synthesizer = created[0].body.agent_config.tasks[0].tools_config.synthesizer;
	assert.deepEqual(synthesizer.provider_config, { voice: 'Rachel', voice_id: seed.BOLNA_VOICE_IDS[1], model: 'eleven_turbo_v2_5' });
	const agentId = Object.keys(sim.state.bolna.agents).find((id) => sim.state.bolna.agents[id].agent_config.agent_name === 'E2E Receptionist');
	const number = Object.values(sim.state.bolna.phoneNumbers).find((n) => n.phone_number === '+14155550171');
	assert.ok(number, 'the searched number was bought');
	assert.equal(number.agent_id, agentId, 'the number answers with the new agent');
	assert.deepEqual(requestsTo(sim, 'POST', '/phone-numbers/buy')[0].body, { country: 'US', phone_number: '+14155550171' });
	assert.deepEqual(requestsTo(sim, 'POST', '/inbound/setup')[0].body, { agent_id: agentId, phone_number_id: number.id });

	await n8n.deploy(
		webhookWorkflow('E2E Bolna cleanup', 'e2e-bolna-cleanup', [
			bolna('Remove Inbound Agent', { resource: 'phoneNumber', operation: 'removeInboundAgent', phoneNumberId: byId('={{ $json.body.numberId }}') }),
			bolna('Delete Number', { resource: 'phoneNumber', operation: 'deletePhoneNumber', phoneNumberId: byId("={{ $('Run Scenario').item.json.body.numberId }}") }),
			bolna('Delete Agent', { resource: 'agent', operation: 'deleteAgent', agentId: byId("={{ $('Run Scenario').item.json.body.agentId }}") }),
		]),
		credentials,
	);
	const cleanup = await n8n.webhook('e2e-bolna-cleanup', { numberId: number.id, agentId });
	assert.equal(cleanup.status, 200, `cleanup answered ${cleanup.status}: ${JSON.stringify(cleanup.data)}`);
	assert.deepEqual(cleanup.data, [{ agentId, deleted: true, state: 'deleted' }]);
	assert.equal(sim.state.bolna.agents[agentId], undefined);
	assert.equal(sim.state.bolna.phoneNumbers[number.id], undefined);

	// Knowledgebase from a PDF in binary data; Get once Bolna has processed it.
	await n8n.deploy(
		webhookWorkflow('E2E Bolna knowledgebase', 'e2e-bolna-knowledgebase', [
			node(
				'PDF',
				TYPES.code,
				{
					jsCode:
						"return [{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4 e2e knowledge').toString('base64'), mimeType: 'application/pdf', fileName: 'faq.pdf' } } }];",
				},
				{ typeVersion: 2 },
			),
			bolna('Create Knowledgebase', { resource: 'knowledgebase', operation: 'create', source: 'file', binaryPropertyName: 'data', options: { similarityTopK: 5 } }),
		]),
		credentials,
	);
	const kb = await n8n.webhook('e2e-bolna-knowledgebase', {});
	assert.equal(kb.status, 200, `knowledgebase answered ${kb.status}: ${JSON.stringify(kb.data)}`);
	const ragId = kb.data[0].rag_id;
	assert.deepEqual(kb.data[0], { rag_id: ragId, file_name: 'faq.pdf', source_type: 'pdf', status: 'processing' });
	const upload = requestsTo(sim, 'POST', '/knowledgebase')[0];
	assert.match(upload.contentType, /^multipart\/form-data; boundary=/);
	assert.deepEqual(upload.body.fields, { similarity_top_k: ['5'] });
	assert.equal(upload.body.files.file[0].text, '%PDF-1.4 e2e knowledge');
	await eventually(() => sim.state.bolna.knowledgebases[ragId].status === 'processed', { what: 'the knowledgebase to be processed' });

	await n8n.deploy(
		webhookWorkflow('E2E Bolna knowledgebase get', 'e2e-bolna-knowledgebase-get', [
			bolna('Get Knowledgebase', { resource: 'knowledgebase', operation: 'get', ragId: byId('={{ $json.body.ragId }}') }),
		]),
		credentials,
	);
	const got = await n8n.webhook('e2e-bolna-knowledgebase-get', { ragId });
	assert.equal(got.status, 200);
	assert.equal(got.data[0].status, 'processed');
	assert.equal(got.data[0].similarity_top_k, 5);

	// The lists: voices, numbers, knowledgebases; then the knowledgebase is deleted.
	await n8n.deploy(
		webhookWorkflow('E2E Bolna voices', 'e2e-bolna-voices', [bolna('Voices', { resource: 'voice', operation: 'getMany', returnAll: true })]),
		credentials,
	);
	const voices = await n8n.webhook('e2e-bolna-voices', {});
	assert.equal(voices.status, 200);
	assert.deepEqual(voices.data.map((v) => v.voice_id), seed.BOLNA_VOICE_IDS);
	await n8n.deploy(
		webhookWorkflow('E2E Bolna lists and delete', 'e2e-bolna-lists', [
			bolna('Numbers', { resource: 'phoneNumber', operation: 'getMany', returnAll: true }),
			bolna('Knowledgebases', { resource: 'knowledgebase', operation: 'getMany', limit: 1 }),
			bolna('Delete Knowledgebase', { resource: 'knowledgebase', operation: 'deleteKnowledgebase', ragId: byId('={{ $json.rag_id }}') }),
		]),
		credentials,
	);
	const lists = await n8n.webhook('e2e-bolna-lists', {});
	assert.equal(lists.status, 200, `lists answered ${lists.status}: ${JSON.stringify(lists.data)}`);
	assert.deepEqual(lists.data, [{ ragId, deleted: true, state: 'deleted' }]);
	assert.equal(requestsTo(sim, 'GET', '/phone-numbers/all').length, 1);
	assert.deepEqual(Object.keys(sim.state.bolna.knowledgebases), []);

	return [
		`Agent Create with the ElevenLabs voice ${seed.BOLNA_VOICE_IDS[1]} (POST /v2/agent accepted by the strict simulator) → Search → Buy +14155550171 → Set Inbound Agent → Account: wallet 37.42`,
		'Remove Inbound Agent → Delete Number → Delete Agent: nothing left in the simulator',
		`Knowledgebase Create from a binary PDF (multipart file + similarity_top_k) → ${ragId} processed, read back with Get`,
		`Voice Get Many → the ${seed.BOLNA_VOICE_IDS.length} seeded voices; Phone Number Get Many → Knowledgebase Get Many → Delete: none left`,
	];
};
module.exports.title = 'Bolna resources: agent create/delete, account, phone numbers with inbound agents, knowledgebase from a PDF';
