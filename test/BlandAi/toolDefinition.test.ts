import {
	buildToolRequest,
	extractResponse,
	jsonPathError,
	maskToolSecrets,
	maskUrl,
	reservedWordsIn,
	substitute,
	toolFromResponse,
	validateToolDefinition,
} from '../../nodes/BlandAi/toolDefinition';

const valid = {
	name: 'BookAppointment',
	description: 'Books an appointment',
	url: 'https://api.example.com/book',
	method: 'POST',
	headers: { Authorization: 'Bearer {{api_key}}' },
	body: { date: '{{input.date}}' },
	query: { pn: '{{phone_number}}' },
	input_schema: { type: 'object', example: { date: '2026-04-20' } },
	response: { booked: '$.success', stylist: '$.stylist.name', slots: '$.slots[?(@.free == true)].time' },
	timeout: 5000,
};

const codes = (def: Record<string, unknown>, partial = false) =>
	validateToolDefinition(def as never, { partial }).map((p) => `${p.at}: ${p.code}`);

describe('validateToolDefinition', () => {
	it('accepts a complete definition', () => {
		expect(validateToolDefinition(valid)).toEqual([]);
	});

	it('requires name, description and url unless partial', () => {
		expect(codes({})).toEqual(['name: name-required', 'description: description-required', 'url: url-required']);
		expect(codes({}, true)).toEqual([]);
	});

	it('requires an https url', () => {
		expect(validateToolDefinition({ ...valid, url: 'http://api.example.com/book' })).toEqual([
			{
				at: 'url',
				code: 'url-not-https',
				message: 'must start with https:// (Bland refuses other URLs; got "http://api.example.com/book")',
			},
		]);
		expect(codes({ ...valid, url: 'not a url' })).toEqual(['url: url-invalid']);
	});

	it.each([
		['PressButton', ['press', 'button']],
		['transfer_lead', ['transfer']],
		['Say Hello', ['say']],
		['HANG', ['hang']],
		['DialOut2', ['dial']],
		['InputForm', ['input']],
	])('refuses the reserved words in %s', (name, words) => {
		expect(reservedWordsIn(name)).toEqual(words);
		expect(codes({ ...valid, name })).toEqual(['name: name-reserved']);
	});

	it.each(['BookAppointment', 'ChangeAddress', 'Display Prices', 'Express Checkout', 'essay_grader'])(
		'allows %s (reserved words only count as whole words)',
		(name) => {
			expect(reservedWordsIn(name)).toEqual([]);
		},
	);

	it('names every reserved word in the message', () => {
		expect(validateToolDefinition({ ...valid, name: 'PressButton' })[0].message).toBe(
			'"PressButton" uses Bland\'s reserved words "press", "button" (reserved: input, speak, transfer, switch, wait, finish, press, button, say, pause, record, play, dial, hang)',
		);
	});

	it('needs input_schema, headers and query to be JSON objects and the method GET or POST', () => {
		expect(codes({ ...valid, input_schema: ['a'] })).toEqual(['input_schema: input-schema-not-object']);
		expect(codes({ ...valid, headers: 'x' })).toEqual(['headers: headers-not-object']);
		expect(codes({ ...valid, query: [1] })).toEqual(['query: query-not-object']);
		expect(codes({ ...valid, method: 'PATCH' })).toEqual(['method: method-invalid']);
		expect(codes({ ...valid, body: 5 })).toEqual(['body: body-invalid']);
		expect(codes({ ...valid, timeout: -1 })).toEqual(['timeout: timeout-invalid']);
	});

	it('checks every response mapping with jsonpath-plus', () => {
		expect(codes({ ...valid, response: { a: '$.ok', b: '$.a[', c: 'message', d: '$[?(@.a >>)]', e: '', '1x': '$.x' } })).toEqual([
			'response.b: response-bad-path',
			'response.c: response-bad-path',
			'response.d: response-bad-path',
			'response.e: response-bad-path',
			'response.1x: response-bad-name',
		]);
		expect(codes({ ...valid, response: ['$.a'] })).toEqual(['response: response-not-object']);
	});
});

describe('jsonPathError', () => {
	it.each(['$', '$.a', '$.a.b[0]', '$..name', "$['odd key']", '$.items[*].id', '$[?(@.price < 10)].title', '$.a[-1:]'])(
		'accepts %s',
		(path) => expect(jsonPathError(path)).toBeUndefined(),
	);
	it.each([
		['', 'is empty'],
		['a.b', 'must start with "$" (got "a.b")'],
		['$.a[', 'is not a valid JSONPath: unclosed "["'],
		['$.a]', 'is not a valid JSONPath: unexpected "]" at character 4'],
		["$['a]", "is not a valid JSONPath: unterminated ' quote"],
	])('rejects %j', (path, message) => expect(jsonPathError(path)).toBe(message));
	it('rejects a filter expression jsonpath-plus cannot compile', () => {
		expect(jsonPathError('$[?(@.a >>)]')).toMatch(/^is not a valid JSONPath: Expected expression after >>/);
	});
});

describe('substitution and extraction', () => {
	const context = { input: { date: '2026-04-20', who: { name: 'Ada' }, n: 3 }, api_key: 'k-1', call_id: 'c-9' };

	it('replaces {{input.x}}, nested {{input.a.b}} and {{var}}; a whole placeholder keeps its type', () => {
		const unresolved = new Set<string>();
		expect(
			substitute(
				{ all: '{{input}}', n: '{{input.n}}', text: 'On {{ input.date }} for {{input.who.name}} ({{call_id}})', list: ['{{input.who}}'], missing: '{{nope}} x' },
				context,
				unresolved,
			),
		).toEqual({
			all: context.input,
			n: 3,
			text: 'On 2026-04-20 for Ada (c-9)',
			list: [{ name: 'Ada' }],
			missing: '{{nope}} x',
		});
		expect([...unresolved]).toEqual(['nope']);
	});

	it('builds the request Bland would send (no body for GET)', () => {
		const def = { ...valid, url: 'https://api.example.com/book/{{input.who.name}}' };
		expect(buildToolRequest(def, context.input, { api_key: 'k-1', phone_number: '+14155550101' })).toEqual({
			request: {
				method: 'POST',
				url: 'https://api.example.com/book/Ada',
				headers: { Authorization: 'Bearer k-1' },
				query: { pn: '+14155550101' },
				body: { date: '2026-04-20' },
			},
			unresolved: [],
		});
		expect(buildToolRequest({ ...def, method: 'GET' }, context.input, {}).request.body).toBeUndefined();
		expect(buildToolRequest({ ...def, body: '{{input}}' }, context.input, {}).request.body).toEqual(context.input);
	});

	it('extracts variables with jsonpath-plus: one match, several, none', () => {
		const body = { success: true, stylist: { name: 'Kim' }, slots: [{ time: '10:00', free: true }, { time: '11:00', free: false }, { time: '12:00', free: true }] };
		expect(extractResponse({ ...valid.response, none: '$.missing' }, body)).toEqual({
			booked: true,
			stylist: 'Kim',
			slots: ['10:00', '12:00'],
			none: null,
		});
	});

	it('reads the definition out of Bland\'s GET /v1/tools/{id} response', () => {
		const definition = { name: 'BookAppointment', url: 'https://x.example.com' };
		expect(toolFromResponse({ status: 'success', tool: { tool_id: 'TL-1', label: null, tool: definition, public: false } })).toEqual(definition);
		expect(toolFromResponse(definition)).toEqual(definition);
	});

	it.each([
		['https://api.example.com/a?api_key=k1&lang=en', 'https://api.example.com/a?api_key=***&lang=en'],
		['https://api.example.com/a?token={{t}}&Signature=abc#frag', 'https://api.example.com/a?token=***&Signature=***#frag'],
		['https://api.example.com/a?x-auth=1&passcode=2&page=3', 'https://api.example.com/a?x-auth=***&passcode=***&page=3'],
		['https://api.example.com/a?secret&q=1', 'https://api.example.com/a?secret&q=1'],
		['https://user:hunter2@api.example.com/a?q=1', 'https://user:***@api.example.com/a?q=1'],
		['https://api.example.com/{{input.id}}', 'https://api.example.com/{{input.id}}'],
	])('maskUrl(%s)', (url, expected) => {
		expect(maskUrl(url)).toBe(expected);
	});

	it('maskToolSecrets masks every header but harmless ones, secret query keys and the URL, and leaves the rest', () => {
		const tool = {
			name: 'T',
			url: 'https://api.example.com/a?apiKey=1',
			headers: {
				Authorization: 'Bearer x',
				'X-Whatever': 'y',
				'content-type': 'application/json',
				Accept: 'text/plain',
				'Accept-Language': 'en',
				'Accept-Encoding': 'gzip',
				'User-Agent': 'n8n',
			},
			query: { key: '1', auth_code: '2', sig: '3', page: '4' },
			body: { a: 1 },
		};
		expect(maskToolSecrets(tool)).toEqual({
			name: 'T',
			url: 'https://api.example.com/a?apiKey=***',
			headers: {
				Authorization: '***',
				'X-Whatever': '***',
				'content-type': 'application/json',
				Accept: 'text/plain',
				'Accept-Language': 'en',
				'Accept-Encoding': 'gzip',
				'User-Agent': 'n8n',
			},
			query: { key: '***', auth_code: '***', sig: '***', page: '4' },
			body: { a: 1 },
		});
		// The input is not changed: Test sends the real values.
		expect(tool.headers.Authorization).toBe('Bearer x');
	});

	it('validation messages quote the URL with secret query values masked', () => {
		expect(validateToolDefinition({ ...valid, url: 'http://api.example.com/a?token=t0p' }).map((p) => p.message)).toEqual([
			'must start with https:// (Bland refuses other URLs; got "http://api.example.com/a?token=***")',
		]);
	});
});
