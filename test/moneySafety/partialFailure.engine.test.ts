/**
 * Three items, the second answered 500: the first call was placed. The error says so (item and
 * ID, do not run again); with Continue On Fail the error item lists it; and n8n's "Retry
 * execution" (mode `retry`, from the failed execution's saved data) does not dial it again.
 */
import nock from 'nock';
import type { IDataObject, INode, IRunExecutionData } from 'n8n-workflow';

import { BlandAi } from '../../nodes/BlandAi/BlandAi.node';
import { Bolna } from '../../nodes/Bolna/Bolna.node';
import { credentials as blandCredentials, BLAND } from '../BlandAi/helpers';
import { AGENT, BATCH, BOLNA, agentRl, credentials as bolnaCredentials } from '../Bolna/helpers';
import { node, registerNodeType, runWorkflow } from '../helpers/engine';

const blandType = registerNodeType('blandAi', new BlandAi());
const bolnaType = registerNodeType('bolna', new Bolna());

const phones = ['+14155550101', '+14155550102', '+14155550103'];
const items = phones.map((phone) => ({ json: { phone } }));

function blandNode(extra: Partial<INode> = {}): INode {
	return node(
		'Call',
		blandType,
		{ resource: 'call', operation: 'make', phoneNumber: '={{ $json.phone }}', callUsing: 'task', task: 'Hi' },
		{ credentials: { blandAiApi: { id: '1', name: 'Bland' } }, ...extra },
	);
}

/** What n8n's ExecutionService.retry does with a failed execution's data (n8n 2.41 and 1.123). */
function asRetried(data: IRunExecutionData): IRunExecutionData {
	const saved = JSON.parse(JSON.stringify(data)) as IRunExecutionData; // stored in the database and read back
	const last = saved.resultData.lastNodeExecuted;
	delete saved.resultData.error;
	const runs = last ? saved.resultData.runData[last] : undefined;
	if (runs?.length && runs[runs.length - 1].error !== undefined) runs.pop();
	return saved;
}

function callReply(id: string) {
	return [200, { status: 'success', message: 'Call successfully queued.', call_id: id }] as const;
}

/** Bland places the first call and answers the second with a 500. */
function firstPlacedSecondFails() {
	return nock(BLAND)
		.post('/v1/calls', (b) => b.phone_number === phones[0])
		.reply(...callReply('call-0'))
		.post('/v1/calls', (b) => b.phone_number === phones[1])
		.reply(500, { status: 'error', message: 'boom' });
}

describe('a later item fails after calls were placed (engine)', () => {
	it('the error lists every call already placed with its item and ID and says not to run them again', async () => {
		const scope = firstPlacedSecondFails();
		const run = await runWorkflow({ nodes: [blandNode()], startNode: 'Call', inputItems: items, credentials: blandCredentials() as never });
		scope.done();
		expect(run.error?.message).toBe('Bland AI API error 500: boom [already placed: item 0 → call-0; do not run this item again]');
		expect(String((run.error as { description?: string }).description)).toContain(
			'Already placed, billed and not undone: item 0 → call-0. Do not run the workflow again with these items',
		);
	});

	it('with Continue On Fail, the error item lists what was placed before it', async () => {
		const scope = firstPlacedSecondFails()
			.post('/v1/calls', (b) => b.phone_number === phones[2])
			.reply(...callReply('call-2'));
		const run = await runWorkflow({
			nodes: [blandNode({ onError: 'continueRegularOutput' })],
			startNode: 'Call',
			inputItems: items,
			credentials: blandCredentials() as never,
		});
		scope.done();
		const json = run.output('Call').map((i) => i.json);
		expect(json[0].callId).toBe('call-0');
		expect(json[1]).toMatchObject({ error: 'Bland AI API error 500: boom', alreadyPlaced: [{ item: 0, id: 'call-0' }] });
		expect(json[2].callId).toBe('call-2');
	});

	it('n8n\'s "Retry execution" places only the items that were not placed: the first call is not dialled twice', async () => {
		const first = firstPlacedSecondFails();
		const failed = await runWorkflow({
			nodes: [blandNode()],
			startNode: 'Call',
			inputItems: items,
			credentials: blandCredentials() as never,
			executionId: 'exec-1',
		});
		first.done();
		expect(failed.error).toBeDefined();

		// Exactly the two calls that were not placed; a third POST would be unmatched and fail the run.
		const second = nock(BLAND)
			.post('/v1/calls', (b) => b.phone_number === phones[1])
			.reply(...callReply('call-1'))
			.post('/v1/calls', (b) => b.phone_number === phones[2])
			.reply(...callReply('call-2'));
		const retried = await runWorkflow({
			nodes: [blandNode()],
			startNode: 'Call',
			credentials: blandCredentials() as never,
			resume: asRetried(failed.run.data),
			mode: 'retry',
			executionId: 'exec-2',
		});
		second.done();
		expect(retried.error).toBeUndefined();
		const json = retried.output('Call').map((i) => i.json as IDataObject);
		expect(json.map((j) => j.callId)).toEqual(['call-0', 'call-1', 'call-2']);
		expect(json[0]).toMatchObject({ alreadyPlaced: true, placedInExecution: 'exec-1' });
		expect(json[1].alreadyPlaced).toBeUndefined();
	});

	it('a new manual run of the same items is not deduplicated (only n8n\'s Retry is)', async () => {
		const first = nock(BLAND).post('/v1/calls').reply(...callReply('call-0'));
		const ok = await runWorkflow({ nodes: [blandNode()], startNode: 'Call', inputItems: [items[0]], credentials: blandCredentials() as never });
		first.done();
		const data = asRetried(ok.run.data);
		data.executionData!.nodeExecutionStack = [{ node: blandNode(), data: { main: [[items[0]]] }, source: null }] as never;
		delete data.resultData.runData.Call;
		const again = nock(BLAND).post('/v1/calls').reply(...callReply('call-1'));
		const rerun = await runWorkflow({
			nodes: [blandNode()],
			startNode: 'Call',
			credentials: blandCredentials() as never,
			resume: data,
			mode: 'manual',
		});
		again.done();
		expect(rerun.output('Call')[0].json.callId).toBe('call-1');
	});

	it('Bolna Create Batch: a retry after the batch was created does not upload it again', async () => {
		const batchNode = node(
			'Batch',
			bolnaType,
			{ resource: 'batch', operation: 'create', agentId: agentRl, inputMode: 'items', phoneNumberField: 'phone' },
			{ credentials: { bolnaApi: { id: '1', name: 'Bolna' } } },
		);
		const created = nock(BOLNA).post('/batches').reply(200, { batch_id: BATCH, state: 'created' });
		const ok = await runWorkflow({ nodes: [batchNode], startNode: 'Batch', inputItems: items, credentials: bolnaCredentials() as never });
		created.done();
		expect(ok.output('Batch')[0].json.batchId).toBe(BATCH);

		// Re-run the node from the saved data in retry mode: the remembered batch is output, nothing uploaded.
		const data = asRetried(ok.run.data);
		data.executionData!.nodeExecutionStack = [
			{ node: batchNode, data: { main: [items] }, source: null },
		] as never;
		delete data.resultData.runData.Batch;
		const retried = await runWorkflow({
			nodes: [batchNode],
			startNode: 'Batch',
			credentials: bolnaCredentials() as never,
			resume: data,
			mode: 'retry',
		});
		expect(retried.error).toBeUndefined();
		expect(retried.output('Batch')[0].json).toMatchObject({ batchId: BATCH, alreadyPlaced: true, agentId: AGENT });
	});
});
