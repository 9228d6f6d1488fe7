/**
 * Every numeric, boolean, option, text and date field is checked at run time, with an error
 * naming the field and no request sent (n8n applies min/max and types only in the editor).
 */
import nock from 'nock';

import { BLAND, recordRequests as recordBland, runBland } from '../BlandAi/helpers';
import { AGENT, BOLNA, agentRl, recordRequests as recordBolna, runBolna } from '../Bolna/helpers';

const makeCall = { resource: 'call', operation: 'make', phoneNumber: '+14155550101', callUsing: 'task', task: 'Hi' };

async function refusedBland(parameters: object): Promise<string> {
	const seen = recordBland();
	const run = await runBland(parameters as never);
	seen.stop();
	expect(seen.requests).toEqual([]);
	return String(run.error?.message);
}

async function refusedBolna(parameters: object): Promise<string> {
	const seen = recordBolna();
	const run = await runBolna(parameters as never);
	seen.stop();
	expect(seen.requests).toEqual([]);
	return String(run.error?.message);
}

describe('Bland Make Call: numbers, booleans, options, text and dates from expressions', () => {
	it.each([
		['Max Duration "abc"', { maxDuration: '={{ "abc" }}' }, '"Max Duration (Minutes)" must be a number (got "abc")'],
		['Max Duration null', { maxDuration: '={{ null }}' }, '"Max Duration (Minutes)" must be a number (got null)'],
		['Max Duration negative', { maxDuration: '={{ -5 }}' }, '"Max Duration (Minutes)" must be at least 1 (got -5)'],
		['Max Duration 1e308', { maxDuration: '={{ 1e308 }}' }, '"Max Duration (Minutes)" must be at most 1440 (got 1e+308)'],
		['Max Duration NaN', { maxDuration: '={{ NaN }}' }, '"Max Duration (Minutes)" must be a number'],
		['Max Duration fractional', { maxDuration: 2.5 }, '"Max Duration (Minutes)" must be a whole number (got 2.5)'],
		['Temperature 2', { temperature: 2 }, '"Temperature" must be at most 1 (got 2)'],
		['Temperature "abc"', { temperature: '={{ "abc" }}' }, '"Temperature" must be a number (got "abc")'],
		['Interruption Threshold null', { interruptionThreshold: '={{ null }}' }, '"Interruption Threshold (Milliseconds)" must be a number (got null)'],
		['Interruption Threshold negative', { interruptionThreshold: -1 }, '"Interruption Threshold (Milliseconds)" must be at least 0 (got -1)'],
		['Record "false" as text', { record: '={{ "false" }}' }, '"Record" must be true or false (got "false")'],
		['Answering Machine Detection 1', { amd: '={{ 1 }}' }, '"Answering Machine Detection" must be true or false (got 1)'],
		['Background Track unknown', { backgroundTrack: '={{ "disco" }}' }, '"Background Track" must be one of "cafe", "none", "office", "restaurant" (got "disco")'],
		['Voicemail Action unknown', { voicemailAction: '={{ "call_back" }}' }, '"Voicemail Action" must be one of'],
		['Webhook Events unknown', { webhookEvents: '={{ ["call", "everything"] }}' }, '"Webhook Events" has an unknown entry "everything"'],
		['First Sentence an object', { firstSentence: '={{ { a: 1 } }}' }, '"First Sentence" must be text (got an object)'],
		['Summary Prompt null', { summaryPrompt: '={{ null }}' }, '"Summary Prompt" must be text (got null)'],
		['Language "[object Object]"', { language: '=x{{ {} }}' }, '"Language"'],
		['Start Time an impossible date', { startTime: '={{ 8.64e16 }}' }, '"Start Time" '],
		['Start Time not a date', { startTime: '={{ "next tuesday" }}' }, '"Start Time" is not an ISO 8601 date (got "next tuesday")'],
		['Start Time an object', { startTime: '={{ { when: 1 } }}' }, '"Start Time" must be a date (got an object)'],
	])('%s → field-named error, nothing sent', async (_, additionalFields, message) => {
		expect(await refusedBland({ ...makeCall, additionalFields })).toContain(message);
	});

	it('Pathway Version from an expression must be a whole number', async () => {
		const message = await refusedBland({
			...makeCall,
			callUsing: 'pathway',
			task: '',
			pathwayId: { __rl: true, mode: 'id', value: 'p-1' },
			pathwayOptions: { pathwayVersion: '={{ "latest" }}' },
		});
		expect(message).toBe('"Pathway Version" must be a number (got "latest")');
	});

	it.each([
		['Poll Interval "abc"', { waitOptions: { pollIntervalSeconds: '={{ "abc" }}' } }, '"Poll Interval (Seconds)" must be a number (got "abc")'],
		['Poll Interval below the floor', { waitOptions: { pollIntervalSeconds: 0.01 } }, '"Poll Interval (Seconds)" must be at least 1 (got 0.01)'],
		['Max Wait above the cap', { maxWaitMinutes: 100000 }, '"Max Wait (Minutes)" must be at most 1440 (got 100000)'],
		['Max Wait null', { maxWaitMinutes: '={{ null }}' }, '"Max Wait (Minutes)" must be a number (got null)'],
		['Wait for Completion "yes"', { waitForCompletion: '={{ "yes" }}' }, '"Wait for Completion" must be true or false (got "yes")'],
	])('%s → refused before the call is placed', async (_, wait, message) => {
		expect(await refusedBland({ ...makeCall, waitForCompletion: true, waitMode: 'polling', ...wait })).toContain(message);
	});

	it('Limit 0 or "abc" on a list is refused with the field\'s name, not the vendor\'s message', async () => {
		expect(await refusedBland({ resource: 'call', operation: 'getMany', returnAll: false, limit: 0 })).toBe('"Limit" must be at least 1 (got 0)');
		expect(await refusedBland({ resource: 'call', operation: 'getMany', returnAll: false, limit: '={{ "abc" }}' })).toBe(
			'"Limit" must be a number (got "abc")',
		);
	});

	it('a valid set of values goes out as numbers and booleans', async () => {
		const scope = nock(BLAND)
			.post('/v1/calls', (body) => body.max_duration === 12 && body.temperature === 0.5 && body.amd === true && body.record === false)
			.reply(200, { status: 'success', call_id: 'c-1' });
		const run = await runBland({ ...makeCall, additionalFields: { maxDuration: '={{ 12 }}', temperature: 0.5, amd: true, record: false } });
		expect(run.error).toBeUndefined();
		scope.done();
	});
});

describe('Bolna: text fields refuse non-text, dates name their field', () => {
	const update = { resource: 'agent', operation: 'update', agentId: agentRl };

	it.each([
		['Agent Name null', { agentName: '={{ null }}' }, '"Agent Name" must be text (got null)'],
		['Agent Name an object', { agentName: '={{ { first: "Ada" } }}' }, '"Agent Name" must be text (got an object)'],
		['Prompt an object', { systemPrompt: '={{ { text: "hi" } }}' }, '"Prompt" must be text (got an object)'],
		['Prompt a list', { systemPrompt: '={{ ["a", "b"] }}' }, '"Prompt" must be text (got a list)'],
		['Welcome Message with [object Object] inside', { welcomeMessage: '=Hello {{ {} }}' }, '"Welcome Message" contains "[object Object]"'],
	])('Agent Update: %s → nothing written to the agent', async (_, updateFields, message) => {
		expect(await refusedBolna({ ...update, updateFields })).toContain(message);
	});

	it('Make Call Scheduled At out of range names the field (no bare "Invalid time value")', async () => {
		const message = await refusedBolna({
			resource: 'call',
			operation: 'make',
			agentId: agentRl,
			recipientPhoneNumber: '+14155550101',
			additionalFields: { scheduledAt: '={{ 1e20 }}' },
		});
		expect(message).toMatch(/^"Scheduled At" /);
		expect(message).not.toContain('Invalid time value');
	});

	it('Agent Update with text is sent', async () => {
		const scope = nock(BOLNA).patch(`/v2/agent/${AGENT}`, { agent_config: { agent_name: 'Ada' } }).reply(200, { state: 'updated' });
		const result = await runBolna({ ...update, updateFields: { agentName: '={{ "Ada" }}' } });
		expect(result.error).toBeUndefined();
		scope.done();
	});
});
