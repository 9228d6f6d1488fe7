import nock from 'nock';

import { API_KEY, BLAND, recordRequests, runBland } from './helpers';

const definition = {
	name: 'BookAppointment',
	description: 'Books an appointment',
	url: 'https://api.example.com/book',
	method: 'POST',
	headers: { Authorization: 'Bearer {{api_key}}' },
	body: { date: '{{input.date}}' },
	input_schema: { type: 'object', example: { date: '2026-04-20' } },
	response: { booked: '$.success' },
	timeout: 5000,
	speech: 'One moment',
};

const createParams = {
	resource: 'customTool',
	operation: 'create',
	toolName: 'BookAppointment',
	toolDescription: 'Books an appointment',
	url: 'https://api.example.com/book',
	additionalFields: {
		method: 'POST',
		headers: '{"Authorization": "Bearer {{api_key}}"}',
		body: '{"date": "{{input.date}}"}',
		inputSchema: '{"type": "object", "example": {"date": "2026-04-20"}}',
		responseMappings: { values: [{ name: 'booked', path: '$.success' }] },
		timeout: 5000,
		speech: 'One moment',
	},
};

const stored = { status: 'success', tool: { tool_id: 'TL-1', label: null, tool: definition, public: false } };

describe('Bland AI custom tools', () => {
	it('Create posts the validated definition', async () => {
		const scope = nock(BLAND, { reqheaders: { authorization: API_KEY } })
			.post('/v1/tools', definition)
			.reply(200, { status: 'success', tool_id: 'TL-1' });
		const run = await runBland(createParams);
		scope.done();
		expect(run.json).toEqual([{ toolId: 'TL-1', status: 'success', name: 'BookAppointment' }]);
	});

	it.each([
		['a reserved word in the name', { toolName: 'TransferToSales' }, {}, 'The custom tool is invalid: "name" "TransferToSales" uses Bland\'s reserved word "transfer"'],
		['an http URL', { url: 'http://api.example.com/book' }, {}, 'The custom tool is invalid: "url" must start with https:// (Bland refuses other URLs; got "http://api.example.com/book")'],
		['an input schema that is not an object', {}, { inputSchema: '["date"]' }, '"Input Schema (JSON)" must be a JSON object'],
		['a mapping that is not a JSONPath', {}, { responseMappings: { values: [{ name: 'x', path: '$.a[' }] } }, 'The custom tool is invalid: "response.x" is not a valid JSONPath: unclosed "["'],
	])('Create refuses %s and sends nothing', async (_label, top, fields, message) => {
		const scope = nock(BLAND).post('/v1/tools').reply(200, {});
		const recorder = recordRequests();
		const run = await runBland({ ...createParams, ...top, additionalFields: { ...createParams.additionalFields, ...fields } });
		recorder.stop();
		expect(run.error?.message).toContain(message);
		expect(scope.isDone()).toBe(false);
		expect(recorder.requests).toEqual([]);
	});

	it('Get flattens the stored tool, header values masked', async () => {
		const scope = nock(BLAND).get('/v1/tools/TL-1').reply(200, stored);
		const run = await runBland({ resource: 'customTool', operation: 'get', toolId: { __rl: true, mode: 'id', value: 'TL-1' } });
		scope.done();
		expect(run.json).toEqual([{ toolId: 'TL-1', ...definition, headers: { Authorization: '***' }, label: null, public: false }]);
	});

	const withSecrets = {
		...definition,
		url: 'https://api.example.com/book?api_key=url-secret&lang=en',
		headers: { Authorization: 'Bearer stored-secret', 'X-Custom': 'stored-secret', 'Content-Type': 'application/json' },
		query: { signature: 'stored-secret', Pass: 'stored-secret', store: 'SF' },
	};
	const masked = {
		url: 'https://api.example.com/book?api_key=***&lang=en',
		headers: { Authorization: '***', 'X-Custom': '***', 'Content-Type': 'application/json' },
		query: { signature: '***', Pass: '***', store: 'SF' },
	};

	it('Get masks every header value but harmless ones, and secret query values in the query and the URL', async () => {
		const scope = nock(BLAND)
			.get('/v1/tools/TL-1')
			.reply(200, { status: 'success', tool: { tool_id: 'TL-1', label: null, tool: withSecrets, public: false } });
		const run = await runBland({ resource: 'customTool', operation: 'get', toolId: { __rl: true, mode: 'id', value: 'TL-1' } });
		scope.done();
		expect(run.json).toEqual([{ toolId: 'TL-1', ...withSecrets, ...masked, label: null, public: false }]);
		expect(JSON.stringify(run.json)).not.toMatch(/stored-secret|url-secret/);
	});

	it('Get Many masks the same secrets in every tool', async () => {
		const scope = nock(BLAND)
			.get('/v1/tools')
			.reply(200, {
				status: 'success',
				tools: [
					{ tool_id: 'TL-1', label: null, tool: withSecrets },
					{ tool_id: 'TL-2', label: null, tool: { ...withSecrets, name: 'Second' } },
				],
			});
		const run = await runBland({ resource: 'customTool', operation: 'getMany', returnAll: true });
		scope.done();
		expect(run.json).toEqual([
			{ toolId: 'TL-1', ...withSecrets, ...masked, label: null },
			{ toolId: 'TL-2', ...withSecrets, ...masked, name: 'Second', label: null },
		]);
		expect(JSON.stringify(run.json)).not.toMatch(/stored-secret|url-secret/);
	});

	it('Get Many lists tools, flattened, up to the limit', async () => {
		const scope = nock(BLAND)
			.get('/v1/tools')
			.reply(200, { status: 'success', tools: [stored.tool, { ...stored.tool, tool_id: 'TL-2' }, { ...stored.tool, tool_id: 'TL-3' }] });
		const run = await runBland({ resource: 'customTool', operation: 'getMany', limit: 2 });
		scope.done();
		expect(run.json.map((t) => t.toolId)).toEqual(['TL-1', 'TL-2']);
		expect(run.json[0].name).toBe('BookAppointment');
	});

	it('Update posts only the changed fields, validated', async () => {
		const scope = nock(BLAND)
			.post('/v1/tools/TL-1', { url: 'https://api.example.com/v2/book', response: { when: '$.slot.time' } })
			.reply(200, { status: 'success', tool_id: 'TL-1' });
		const run = await runBland({
			resource: 'customTool',
			operation: 'update',
			toolId: { __rl: true, mode: 'id', value: 'TL-1' },
			updateFields: { url: 'https://api.example.com/v2/book', responseMappings: { values: [{ name: 'when', path: '$.slot.time' }] } },
		});
		scope.done();
		expect(run.json).toEqual([{ toolId: 'TL-1', status: 'success', updated: ['url', 'response'] }]);
	});

	it('Update refuses a reserved name and sends nothing', async () => {
		const scope = nock(BLAND).post('/v1/tools/TL-1').reply(200, {});
		const run = await runBland({
			resource: 'customTool',
			operation: 'update',
			toolId: { __rl: true, mode: 'id', value: 'TL-1' },
			updateFields: { toolName: 'hang_up' },
		});
		expect(run.error?.message).toMatch(/^The custom tool is invalid: "name" "hang_up" uses Bland's reserved word "hang"/);
		expect(scope.isDone()).toBe(false);
	});

	it('Delete sends DELETE', async () => {
		const scope = nock(BLAND).delete('/v1/tools/TL-1').reply(200, { status: 'success' });
		const run = await runBland({ resource: 'customTool', operation: 'deleteTool', toolId: { __rl: true, mode: 'id', value: 'TL-1' } });
		scope.done();
		expect(run.json).toEqual([{ toolId: 'TL-1', deleted: true, status: 'success' }]);
	});
});
