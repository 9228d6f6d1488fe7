import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';

import { API_KEY, BLAND, runBland } from './helpers';

interface Received {
	method?: string;
	url?: string;
	headers: IncomingMessage['headers'];
	body: string;
}

let server: Server;
let base: string;
const received: Received[] = [];
let reply: { status: number; body: unknown } = { status: 200, body: {} };

beforeAll(async () => {
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			received.push({ method: req.method, url: req.url, headers: req.headers, body });
			res.writeHead(reply.status, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(reply.body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
	received.length = 0;
});

const slots = {
	success: true,
	stylist: { name: 'Kim', id: 7 },
	slots: [
		{ time: '10:00', free: true },
		{ time: '11:00', free: false },
		{ time: '12:00', free: true },
	],
};

describe('Bland AI custom tool Test (performs the request from n8n)', () => {
	it('substitutes input and variables exactly, sends them to the endpoint, extracts with JSONPath and masks secrets in the output', async () => {
		reply = { status: 201, body: slots };
		const run = await runBland({
			resource: 'customTool',
			operation: 'test',
			toolSource: 'definition',
			toolName: 'BookAppointment',
			url: `${base}/book/{{input.customer.id}}?sig={{api_key}}&v=2`,
			additionalFields: {
				method: 'POST',
				headers: '{"Authorization": "Bearer {{api_key}}", "X-Call": "{{call_id}}", "X-Tenant-Key": "tenant-secret", "Accept": "application/json", "User-Agent": "n8n-test"}',
				body: '{"date": "{{input.date}}", "guests": "{{input.guests}}", "who": "{{input.customer}}", "note": "For {{input.customer.name}} on {{input.date}}"}',
				query: '{"pn": "{{phone_number}}", "access_token": "{{api_key}}", "Password": "pw-1"}',
				responseMappings: {
					values: [
						{ name: 'booked', path: '$.success' },
						{ name: 'stylist', path: '$.stylist.name' },
						{ name: 'free_times', path: '$.slots[?(@.free == true)].time' },
						{ name: 'missing', path: '$.nothing' },
					],
				},
			},
			sampleInput: '{"date": "2026-04-20", "guests": 3, "customer": {"id": "cu-9", "name": "Ada"}}',
			variables: '{"api_key": "tool-secret", "call_id": "call-77", "phone_number": "+14155550101"}',
		});
		expect(run.error).toBeUndefined();

		expect(received).toHaveLength(1);
		const request = received[0];
		expect(request.method).toBe('POST');
		expect(request.url).toBe('/book/cu-9?sig=tool-secret&v=2&pn=%2B14155550101&access_token=tool-secret&Password=pw-1');
		expect(request.headers.authorization).toBe('Bearer tool-secret');
		expect(request.headers['x-call']).toBe('call-77');
		expect(request.headers['x-tenant-key']).toBe('tenant-secret');
		expect(request.headers.accept).toBe('application/json');
		expect(request.headers['user-agent']).toBe('n8n-test');
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(request.body)).toEqual({
			date: '2026-04-20',
			guests: 3,
			who: { id: 'cu-9', name: 'Ada' },
			note: 'For Ada on 2026-04-20',
		});
		// The Bland key is never sent to a tool endpoint.
		expect(JSON.stringify(request.headers)).not.toContain(API_KEY);

		expect(run.json).toEqual([
			{
				request: {
					method: 'POST',
					url: `${base}/book/cu-9?sig=***&v=2`,
					headers: {
						Authorization: '***',
						'X-Call': '***',
						'X-Tenant-Key': '***',
						Accept: 'application/json',
						'User-Agent': 'n8n-test',
					},
					query: { pn: '+14155550101', access_token: '***', Password: '***' },
					body: { date: '2026-04-20', guests: 3, who: { id: 'cu-9', name: 'Ada' }, note: 'For Ada on 2026-04-20' },
				},
				response: { statusCode: 201, body: slots },
				extracted: { booked: true, stylist: 'Kim', free_times: ['10:00', '12:00'], missing: null },
				warnings: [
					`"url" must start with https:// (Bland refuses other URLs; got "${base}/book/{{input.customer.id}}?sig=***&v=2")`,
				],
			},
		]);
	});

	it('loads a saved tool by ID from Bland first, then calls only the tool endpoint (GET: no body)', async () => {
		reply = { status: 200, body: { message: 'open', hours: { open: '9:00' } } };
		const scope = nock(BLAND, { reqheaders: { authorization: API_KEY } })
			.get('/v1/tools/TL-9')
			.reply(200, {
				status: 'success',
				tool: {
					tool_id: 'TL-9',
					label: null,
					tool: {
						name: 'StoreHours',
						description: 'Opening hours',
						url: `${base}/hours`,
						method: 'GET',
						query: { store: '{{input.store}}', caller: '{{from}}' },
						body: { ignored: true },
						response: { opens: '$.hours.open', status: '$.message' },
					},
				},
			});
		const run = await runBland({
			resource: 'customTool',
			operation: 'test',
			toolSource: 'toolId',
			toolId: { __rl: true, mode: 'id', value: 'TL-9' },
			sampleInput: '{"store": "SF 1"}',
			variables: '{}',
		});
		scope.done();
		expect(received).toHaveLength(1);
		expect(received[0].method).toBe('GET');
		expect(received[0].url).toBe('/hours?store=SF%201&caller=%7B%7Bfrom%7D%7D');
		expect(received[0].body).toBe('');
		expect(run.json[0].extracted).toEqual({ opens: '9:00', status: 'open' });
		expect(run.json[0].unresolvedPlaceholders).toEqual(['from']);
		expect(run.json[0].response).toEqual({ statusCode: 200, body: { message: 'open', hours: { open: '9:00' } } });
	});

	it('masks the headers and secret query values of a saved tool in the output', async () => {
		reply = { status: 200, body: {} };
		const scope = nock(BLAND)
			.get('/v1/tools/TL-8')
			.reply(200, {
				status: 'success',
				tool: {
					tool_id: 'TL-8',
					tool: {
						name: 'Lookup',
						url: `${base}/lookup?apikey=stored-secret&q=1`,
						method: 'GET',
						headers: { 'X-Api-Key': 'stored-secret', 'Content-Type': 'application/json' },
						query: { token: 'stored-secret', store: 'SF' },
					},
				},
			});
		const run = await runBland({
			resource: 'customTool',
			operation: 'test',
			toolSource: 'toolId',
			toolId: { __rl: true, mode: 'id', value: 'TL-8' },
			sampleInput: '{}',
			variables: '{}',
		});
		scope.done();
		expect(run.error).toBeUndefined();
		expect(received[0].url).toBe('/lookup?apikey=stored-secret&q=1&token=stored-secret&store=SF');
		expect(received[0].headers['x-api-key']).toBe('stored-secret');
		expect(run.json[0].request).toEqual({
			method: 'GET',
			url: `${base}/lookup?apikey=***&q=1`,
			headers: { 'X-Api-Key': '***', 'Content-Type': 'application/json' },
			query: { token: '***', store: 'SF' },
		});
		expect(JSON.stringify(run.json)).not.toContain('stored-secret');
	});

	it('reports an error status from the endpoint instead of failing', async () => {
		reply = { status: 500, body: { error: 'down' } };
		const run = await runBland({
			resource: 'customTool',
			operation: 'test',
			toolSource: 'definition',
			toolName: 'Lookup',
			url: `${base}/x`,
			additionalFields: { method: 'POST', body: '{{input}}', responseMappings: { values: [{ name: 'err', path: '$.error' }] } },
			sampleInput: '{"a": 1}',
			variables: '{}',
		});
		expect(run.error).toBeUndefined();
		expect(JSON.parse(received[0].body)).toEqual({ a: 1 });
		expect(run.json[0].response).toEqual({ statusCode: 500, body: { error: 'down' } });
		expect(run.json[0].extracted).toEqual({ err: 'down' });
	});

	it('refuses an invalid definition without calling the endpoint', async () => {
		const run = await runBland({
			resource: 'customTool',
			operation: 'test',
			toolSource: 'definition',
			toolName: 'PressButton',
			url: `${base}/x`,
			additionalFields: { responseMappings: { values: [{ name: 'x', path: 'x' }] } },
			sampleInput: '{}',
			variables: '{}',
		});
		expect(run.error?.message).toMatch(/^The custom tool is invalid: "name" "PressButton" uses Bland's reserved words "press", "button" .*; "response.x" must start with "\$" \(got "x"\)$/);
		expect(received).toHaveLength(0);
	});

	it('a closed endpoint is a clear error', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise((resolve) => closed.close(resolve));
		const run = await runBland({
			resource: 'customTool',
			operation: 'test',
			toolSource: 'definition',
			toolName: 'Lookup',
			url: `http://user:pw-secret@127.0.0.1:${port}/x?api_key=url-secret&q=1`,
			additionalFields: { method: 'GET' },
			sampleInput: '{}',
			variables: '{}',
		});
		expect(run.error?.message).toBe(`The tool endpoint GET http://user:***@127.0.0.1:${port}/x could not be reached`);
		const description = (run.error as { description?: string }).description;
		expect(description).toMatch(/^Reason: .*ECONNREFUSED/);
		expect(`${run.error?.message} ${description}`).not.toMatch(/url-secret|pw-secret|q=1/);
	});
});
