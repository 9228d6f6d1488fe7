/**
 * Every path a number can take to the vendor is held against the credential's allowed
 * destination prefixes, with no request sent when it is refused (issue 14: Bolna Schedule,
 * Bland pathways, Bland Other Parameters and batch global block, Bolna CSV columns).
 * Credentials allow only +1415; the foreign test number is +447911123456.
 */
import nock from 'nock';

import { BLAND, recordRequests as recordBland, runBland } from '../BlandAi/helpers';
import { AGENT, BATCH, BOLNA, agentRl, recordRequests as recordBolna, runBolna } from '../Bolna/helpers';

const ALLOW = '+1415';
const FOREIGN = '+447911123456';
const bland = { allowedDestinations: ALLOW };
const makeCall = { resource: 'call', operation: 'make', phoneNumber: '+14155550101', callUsing: 'task', task: 'Hi' };

/** Runs a Bland node that must be refused before any request; returns the error message. */
async function refusedBland(parameters: object, items?: Array<{ json: object }>): Promise<string> {
	const seen = recordBland();
	const run = await runBland(parameters as never, { credentials: bland, ...(items ? { items: items as never } : {}) });
	seen.stop();
	expect(seen.requests).toEqual([]);
	expect(run.error).toBeDefined();
	return String(run.error?.message);
}

/** Runs a Bolna node with the allow-list that must be refused before any request; returns the error. */
async function refusedBolna(parameters: object, items: Array<{ json: object }> = [{ json: {} }]) {
	const seen = recordBolna();
	const result = await runBolna(parameters as never, items as never, { allowedDestinations: ALLOW });
	seen.stop();
	expect(seen.requests).toEqual([]);
	expect(result.error).toBeDefined();
	return result.error as Error & { description?: string };
}

describe('Bland Make Call: every number in the body, whatever its key (structural check)', () => {
	const sidePaths: Array<[string, object]> = [
		['backup_phone_number', { backup_phone_number: FOREIGN }],
		['dialing_strategy.numbers', { dialing_strategy: { type: 'sequential', numbers: ['+14155550102', FOREIGN] } }],
		['inline tools[].transfer_number', { tools: [{ name: 'handoff', transfer_number: FOREIGN }] }],
		['voicemail.sms.to', { voicemail: { action: 'leave_message_and_sms', message: 'hi', sms: { to: FOREIGN, message: 'x' } } }],
		['a number in request data (a {{var}} a transfer can use)', { request_data: { escalate_to: FOREIGN } }],
		['full-width digits', { backup_phone_number: '＋４４７９１１１２３４５６' }],
		['zero-width spaces', { backup_phone_number: '+44\u200b7700\u200b900123' }],
		['00 international prefix', { backup_phone_number: '00447911123456' }],
		['a bare 10-digit number under a phone key (Bland dials it as +1)', { backup_phone_number: '2125550100' }],
		['a JSON number under a phone key', { fallback_number: 2125550100 }],
		['a JSON string holding JSON', { tool_body: JSON.stringify({ to: FOREIGN }) }],
		['an unknown future key', { some_new_dialling_key: FOREIGN }],
	];

	it.each(sidePaths)('refuses %s in Other Parameters (JSON), nothing sent', async (_, other) => {
		const message = await refusedBland({ ...makeCall, additionalFields: { otherParameters: JSON.stringify(other) } });
		expect(message).toMatch(/^"Additional Fields" holds a phone number outside the allowed destination prefixes set in the credential \(\+1415\): \+/);
	});

	it('names where the number is', async () => {
		const message = await refusedBland({
			...makeCall,
			additionalFields: { otherParameters: JSON.stringify({ dialing_strategy: { numbers: ['+14155550102', FOREIGN] } }) },
		});
		expect(message).toContain(`${FOREIGN} at dialing_strategy.numbers[1]`);
	});

	it('sends allowed numbers under any key, and leaves the caller ID and prose alone', async () => {
		const other = {
			backup_phone_number: '+14155550102',
			dialing_strategy: { numbers: ['+14155550103'] },
			from: '+442071838750',
			metadata_note: 'our UK office is +44 20 7183 8750',
			order_id: 1234567890123,
		};
		const scope = nock(BLAND)
			.post('/v1/calls', (body) => body.backup_phone_number === '+14155550102' && body.from === '+442071838750')
			.reply(200, { status: 'success', call_id: 'c-1' });
		const run = await runBland({ ...makeCall, additionalFields: { otherParameters: JSON.stringify(other) } }, { credentials: bland });
		expect(run.error).toBeUndefined();
		scope.done();
	});

	it('checks nothing structurally without an allow-list', async () => {
		const scope = nock(BLAND).post('/v1/calls').reply(200, { status: 'success', call_id: 'c-1' });
		const run = await runBland({ ...makeCall, additionalFields: { otherParameters: JSON.stringify({ backup_phone_number: FOREIGN }) } });
		expect(run.error).toBeUndefined();
		scope.done();
	});
});

describe('Bland Create Batch: the global block and every row', () => {
	const batch = {
		resource: 'batch',
		operation: 'create',
		inputMode: 'items',
		phoneNumberField: 'phone',
		callUsing: 'task',
		task: 'Hi',
	};

	it('refuses a foreign number in the global block\'s Other Parameters, nothing sent', async () => {
		const message = await refusedBland(
			{ ...batch, globalSettings: { otherParameters: JSON.stringify({ voicemail: { sms: { to: FOREIGN } } }) } },
			[{ json: { phone: '+14155550101' } }],
		);
		expect(message).toContain(`${FOREIGN} at voicemail.sms.to`);
	});

	it('refuses a row whose variables hold a foreign number (Invalid Rows: Fail), nothing sent', async () => {
		const message = await refusedBland(batch, [{ json: { phone: '+14155550101', backup: FOREIGN } }]);
		expect(message).toContain(`field "backup" holds ${FOREIGN}, outside the allowed destination prefixes`);
	});
});

describe('Bland pathways: Transfer Call and SMS nodes', () => {
	const nodes = (transferNumber: string, smsTo: string) =>
		JSON.stringify([
			{ id: '1', type: 'Default', data: { name: 'Start', text: 'Hi', isStart: true } },
			{ id: '2', type: 'Transfer Call', data: { name: 'Transfer', transferNumber } },
			{ id: '3', type: 'SMS', data: { name: 'Text', smsPhoneNumber: smsTo, message: 'hello' } },
		]);
	const edges = JSON.stringify([
		{ id: 'e1', source: '1', target: '2', label: 'wants a human' },
		{ id: 'e2', source: '1', target: '3', label: 'wants a text' },
	]);
	const pathwayId = { __rl: true, mode: 'id', value: 'p-1' };

	it.each([
		['Update, Transfer Call', { resource: 'pathway', operation: 'update', pathwayId, updateFields: { nodes: nodes(FOREIGN, '+14155550102'), edges } }],
		['Update, SMS', { resource: 'pathway', operation: 'update', pathwayId, updateFields: { nodes: nodes('+14155550102', FOREIGN), edges } }],
		['Create Version, Transfer Call', { resource: 'pathway', operation: 'createVersion', pathwayId, nodes: nodes(FOREIGN, '+14155550102'), edges }],
		['Create Version, SMS', { resource: 'pathway', operation: 'createVersion', pathwayId, nodes: nodes('+14155550102', FOREIGN), edges }],
	])('%s with a foreign number: refused, nothing sent', async (_, parameters) => {
		const message = await refusedBland(parameters);
		expect(message).toMatch(/^The pathway graph holds a phone number outside the allowed destination prefixes/);
		expect(message).toContain(FOREIGN);
	});

	it('Create Version with allowed numbers is sent', async () => {
		const scope = nock(BLAND)
			.post('/v1/pathway/p-1/version')
			.reply(200, { status: 'success', data: { id: 'v-1', version_number: 2 } });
		const run = await runBland(
			{ resource: 'pathway', operation: 'createVersion', pathwayId, nodes: nodes('+14155550102', '+14155550103'), edges },
			{ credentials: bland },
		);
		expect(run.error).toBeUndefined();
		scope.done();
	});
});

describe('Bolna Batch → Schedule with an allow-list', () => {
	const schedule = {
		resource: 'batch',
		operation: 'schedule',
		batchId: BATCH,
		scheduledAt: '2026-12-01T10:00:00+00:00',
	};

	it('is refused with why and what to do, nothing sent', async () => {
		const error = await refusedBolna(schedule);
		expect(error.message).toBe(
			`Batch ${BATCH} cannot be scheduled: the credential limits destinations to +1415, and this node cannot check whom a batch it did not create would dial`,
		);
		expect(String(error.description)).toContain('Create Batch and turn "Schedule" on');
	});

	it('is sent without an allow-list', async () => {
		const scope = nock(BOLNA).post(`/batches/${BATCH}/schedule`).reply(200, { message: 'success', state: 'scheduled' });
		const result = await runBolna(schedule);
		expect(result.error).toBeUndefined();
		scope.done();
	});

	it('Create Batch with Schedule on still schedules (its contacts were checked)', async () => {
		const scope = nock(BOLNA)
			.post('/batches')
			.reply(200, { batch_id: BATCH, state: 'created' })
			.post(`/batches/${BATCH}/schedule`)
			.reply(200, { message: 'success', state: 'scheduled' });
		const result = await runBolna(
			{ resource: 'batch', operation: 'create', agentId: agentRl, inputMode: 'items', phoneNumberField: 'phone', schedule: true, scheduledAt: '2026-12-01T10:00:00+00:00' },
			[{ json: { phone: '+14155550101' } }],
			{ allowedDestinations: ALLOW },
		);
		expect(result.error).toBeUndefined();
		scope.done();
	});
});

describe('Bolna Create Batch: CSV headers and every number column', () => {
	const base = { resource: 'batch', operation: 'create', agentId: agentRl, inputMode: 'binaryCsv', binaryPropertyName: 'data' };
	const csvItem = (text: string) => ({
		json: {},
		binary: { data: { data: Buffer.from(text, 'utf8').toString('base64'), mimeType: 'text/csv', fileName: 'c.csv' } },
	});

	it.each([
		['a second contact_number column', `contact_number,name,contact_number\n+14155550101,Ada,${FOREIGN}\n`, 'has two columns that read as the same name: "contact_number" (column 1) and "contact_number" (column 3)'],
		['a differently cased copy', `contact_number,Contact_Number\n+14155550101,${FOREIGN}\n`, 'has two columns that read as the same name'],
		['a copy with a space', `contact_number,contact number\n+14155550101,${FOREIGN}\n`, 'has two columns that read as the same name'],
		['an empty column name', 'contact_number,,name\n+14155550101,x,Ada\n', 'has an empty column name (column 2)'],
	])('refuses %s, nothing sent', async (_, csv, message) => {
		expect((await refusedBolna(base, [csvItem(csv)])).message).toContain(message);
	});

	it('refuses a row whose other column holds a foreign number, nothing sent', async () => {
		const error = await refusedBolna(base, [csvItem(`contact_number,transfer_to\n+14155550101,${FOREIGN}\n`)]);
		expect(error.message).toContain(`row 2 ("+14155550101"): column "transfer_to" holds ${FOREIGN}, outside the allowed destination prefixes (+1415)`);
	});

	it('refuses an item whose other field holds a foreign number, nothing sent', async () => {
		const error = await refusedBolna({ ...base, inputMode: 'items', phoneNumberField: 'phone' }, [
			{ json: { phone: '+14155550101', backup_number: FOREIGN } },
		]);
		expect(error.message).toContain(`column "backup_number" holds ${FOREIGN}`);
	});
});

describe('Bolna Make Call: user data is held to the prefixes too', () => {
	it('refuses a foreign number in User Data, nothing sent', async () => {
		const error = await refusedBolna({
			resource: 'call',
			operation: 'make',
			agentId: agentRl,
			recipientPhoneNumber: '+14155550101',
			additionalFields: { userDataJson: JSON.stringify({ transfer_to: FOREIGN }) },
		});
		expect(error.message).toContain(`${FOREIGN} at user_data.transfer_to`);
	});

	it('keeps the caller ID out of the check', async () => {
		const scope = nock(BOLNA)
			.post('/call', { agent_id: AGENT, recipient_phone_number: '+14155550101', from_phone_number: '+442071838750' })
			.reply(200, { execution_id: 'e-1', status: 'queued' });
		const result = await runBolna(
			{ resource: 'call', operation: 'make', agentId: agentRl, recipientPhoneNumber: '+14155550101', additionalFields: { fromPhoneNumber: '+442071838750' } },
			[{ json: {} }],
			{ allowedDestinations: ALLOW },
		);
		expect(result.error).toBeUndefined();
		scope.done();
	});
});

describe('Bland Make Call with a pathway: the pathway itself is checked (it may have been edited in Bland)', () => {
	const pathwayCall = { ...makeCall, callUsing: 'pathway', task: '', pathwayId: { __rl: true, mode: 'id', value: 'p-1' } };
	const graph = (transferNumber: string) => ({
		name: 'live',
		version_number: 3,
		nodes: [
			{ id: '1', type: 'Default', data: { name: 'Start', text: 'Hi', isStart: true } },
			{ id: '2', type: 'Transfer Call', data: { name: 'Transfer', transferNumber } },
		],
		edges: [{ id: 'e1', source: '1', target: '2', label: 'human' }],
	});

	it('refuses a call whose live pathway transfers to a foreign number: one GET, no call', async () => {
		const read = nock(BLAND).get('/v1/pathway/p-1/version/0').reply(200, graph(FOREIGN));
		const seen = recordBland();
		const run = await runBland(pathwayCall, { credentials: bland });
		seen.stop();
		read.done();
		expect(seen.requests).toEqual([]);
		expect(run.error?.message).toContain(`Pathway p-1 (version live) holds a phone number outside the allowed destination prefixes set in the credential (+1415): ${FOREIGN} at nodes[1].data.transferNumber`);
	});

	it('reads the version the call will use, once for all items, then places the calls', async () => {
		const scope = nock(BLAND)
			.get('/v1/pathway/p-1/version/3')
			.once()
			.reply(200, graph('+14155550199'))
			.post('/v1/calls', (b) => b.pathway_version === 3)
			.times(2)
			.reply(200, { status: 'success', call_id: 'c-1' });
		const run = await runBland(
			{ ...pathwayCall, phoneNumber: '={{ $json.phone }}', pathwayOptions: { pathwayVersion: 3 } },
			{ credentials: bland, items: [{ json: { phone: '+14155550101' } }, { json: { phone: '+14155550102' } }] },
		);
		expect(run.error).toBeUndefined();
		scope.done();
	});

	it('reads nothing without an allow-list', async () => {
		const scope = nock(BLAND).post('/v1/calls').reply(200, { status: 'success', call_id: 'c-1' });
		const run = await runBland(pathwayCall);
		expect(run.error).toBeUndefined();
		scope.done();
	});
});
