import nock from 'nock';

import { API_KEY, BLAND, recordRequests, runBland } from './helpers';

const nodes = [
	{ id: '1', type: 'Default', data: { name: 'Start', text: 'Hi!', isStart: true } },
	{ id: '2', type: 'Transfer Call', data: { name: 'Transfer', text: 'Hold on', transferNumber: '+14155550100' } },
	{ id: '3', type: 'End Call', data: { name: 'Bye', prompt: 'Say goodbye' } },
];
const edges = [
	{ id: 'e1', source: '1', target: '2', label: 'wants a human' },
	{ id: 'e2', source: '1', target: '3', data: { label: 'done' } },
];
const pathway = { __rl: true, mode: 'id', value: 'pw-1' };

describe('Bland AI pathways', () => {
	it('Create posts name and description', async () => {
		const scope = nock(BLAND, { reqheaders: { authorization: API_KEY } })
			.post('/v1/pathway/create', { name: 'Reservations', description: 'Books tables' })
			.reply(200, { status: 'success', pathway_id: 'pw-new' });
		const run = await runBland({ resource: 'pathway', operation: 'create', pathwayName: 'Reservations', pathwayDescription: 'Books tables' });
		scope.done();
		expect(run.json).toEqual([{ pathwayId: 'pw-new', status: 'success', name: 'Reservations' }]);
	});

	it('Get returns the pathway with its id', async () => {
		const scope = nock(BLAND).get('/v1/pathway/pw-1').reply(200, { name: 'R', description: 'd', nodes, edges });
		const run = await runBland({ resource: 'pathway', operation: 'get', pathwayId: pathway });
		scope.done();
		expect(run.json).toEqual([{ pathwayId: 'pw-1', name: 'R', description: 'd', nodes, edges }]);
	});

	it('Get Many applies the limit to the list', async () => {
		const scope = nock(BLAND).get('/v1/pathway').reply(200, [{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
		const run = await runBland({ resource: 'pathway', operation: 'getMany', limit: 2 });
		scope.done();
		expect(run.json).toEqual([{ id: 'a' }, { id: 'b' }]);
	});

	it('Update sends name, description and the checked graph', async () => {
		const scope = nock(BLAND)
			.post('/v1/pathway/pw-1', { name: 'R2', description: 'new', nodes, edges })
			.reply(200, { status: 'success', message: 'Pathway updated successfully', pathway_data: { pathway_id: 'pw-1', name: 'R2' } });
		const run = await runBland({
			resource: 'pathway',
			operation: 'update',
			pathwayId: pathway,
			updateFields: { name: 'R2', description: 'new', nodes: JSON.stringify(nodes), edges: JSON.stringify(edges) },
		});
		scope.done();
		expect(run.json).toEqual([
			{ pathwayId: 'pw-1', status: 'success', message: 'Pathway updated successfully', pathway_id: 'pw-1', name: 'R2' },
		]);
	});

	it('Update without a name sends the current name (Bland requires one)', async () => {
		const scope = nock(BLAND)
			.get('/v1/pathway/pw-1')
			.reply(200, { name: 'Reservations', description: 'd', nodes, edges })
			.post('/v1/pathway/pw-1', { name: 'Reservations', description: 'only this' })
			.reply(200, { status: 'success', message: 'Pathway updated successfully' });
		const run = await runBland({ resource: 'pathway', operation: 'update', pathwayId: pathway, updateFields: { description: 'only this' } });
		scope.done();
		expect(run.json).toEqual([{ pathwayId: 'pw-1', status: 'success', message: 'Pathway updated successfully' }]);
	});

	it('Update without a name fails before posting when the pathway has none', async () => {
		const scope = nock(BLAND).get('/v1/pathway/pw-1').reply(200, { description: 'd' });
		const recorder = recordRequests();
		const run = await runBland({ resource: 'pathway', operation: 'update', pathwayId: pathway, updateFields: { description: 'x' } });
		recorder.stop();
		expect(run.error?.message).toBe('Pathway pw-1 has no name to keep: set "Name" under "Update Fields"');
		scope.done();
		expect(recorder.requests).toEqual([]);
	});

	it('Delete sends DELETE', async () => {
		const scope = nock(BLAND).delete('/v1/pathway/pw-1').reply(200, { status: 'success', message: 'Pathway deleted successfully' });
		const run = await runBland({ resource: 'pathway', operation: 'deletePathway', pathwayId: pathway });
		scope.done();
		expect(run.json).toEqual([{ pathwayId: 'pw-1', deleted: true, message: 'Pathway deleted successfully' }]);
	});

	it('Create Version sends the checked graph', async () => {
		const scope = nock(BLAND)
			.post('/v1/pathway/pw-1/version', { name: 'v2', nodes, edges })
			.reply(200, {
				status: 'success',
				message: 'Version created successfully',
				data: { created_at: '2024-03-07T10:15:30Z', id: 'v3_ghi789', name: 'v2', version_number: 3 },
			});
		const run = await runBland({
			resource: 'pathway',
			operation: 'createVersion',
			pathwayId: pathway,
			versionName: 'v2',
			nodes: JSON.stringify(nodes),
			edges: JSON.stringify(edges),
		});
		scope.done();
		expect(run.json).toEqual([
			{
				pathwayId: 'pw-1',
				versionId: 'v3_ghi789',
				versionNumber: 3,
				name: 'v2',
				createdAt: '2024-03-07T10:15:30Z',
				status: 'success',
				message: 'Version created successfully',
			},
		]);
	});

	it('Get Version reads a version (0 = live)', async () => {
		const scope = nock(BLAND).get('/v1/pathway/pw-1/version/0').reply(200, { name: 'live', nodes, edges, version_number: 2, is_latest: true });
		const run = await runBland({ resource: 'pathway', operation: 'getVersion', pathwayId: pathway, versionId: '0' });
		scope.done();
		expect(run.json[0]).toMatchObject({ pathwayId: 'pw-1', version_number: 2, is_latest: true });
	});

	it('Publish promotes a version to an environment', async () => {
		const scope = nock(BLAND)
			.post('/v1/pathway/pw-1/publish', { version_id: 3, environment: 'staging' })
			.reply(200, { message: 'Pathway published successfully' });
		const run = await runBland({ resource: 'pathway', operation: 'publish', pathwayId: pathway, versionNumber: 3, environment: 'staging' });
		scope.done();
		expect(run.json).toEqual([{ pathwayId: 'pw-1', versionNumber: 3, environment: 'staging', message: 'Pathway published successfully' }]);
	});

	it('a legacy error names the message', async () => {
		nock(BLAND).post('/v1/pathway/pw-1/publish').reply(400, { status: 'error', message: 'Version 9 does not exist' });
		const run = await runBland({ resource: 'pathway', operation: 'publish', pathwayId: pathway, versionNumber: 9 });
		expect(run.error?.message).toBe('Bland AI API error 400: Version 9 does not exist');
	});

	describe('an invalid graph sends no request and names the node or edge', () => {
		const cases: Array<[string, unknown[], unknown[], string]> = [
			[
				'two start nodes',
				[...nodes, { id: '4', type: 'Default', data: { name: 'Other', text: 'x', isStart: true } }],
				edges,
				'The pathway graph is invalid (1 problem): nodes: 2 nodes are marked "isStart" (node "Start" (id 1), node "Other" (id 4)); exactly one must be',
			],
			[
				'an edge to a missing node and a transfer without number',
				[nodes[0], { id: '2', type: 'Transfer Call', data: { name: 'Transfer' } }],
				[{ id: 'e1', source: '1', target: '9' }],
				'The pathway graph is invalid (2 problems): node "Transfer" (id 2): a Transfer Call node needs "transferNumber" in data; edge e1: target "9" is not a node of this pathway',
			],
		];
		it.each(cases)('Create Version: %s', async (_label, badNodes, badEdges, message) => {
			const scope = nock(BLAND).post('/v1/pathway/pw-1/version').reply(200, {});
			const recorder = recordRequests();
			const run = await runBland({
				resource: 'pathway',
				operation: 'createVersion',
				pathwayId: pathway,
				nodes: JSON.stringify(badNodes),
				edges: JSON.stringify(badEdges),
			});
			recorder.stop();
			expect(run.error?.message).toBe(message);
			expect(scope.isDone()).toBe(false);
			expect(recorder.requests).toEqual([]);
		});

		it('Update: an unknown node type', async () => {
			const scope = nock(BLAND).post('/v1/pathway/pw-1').reply(200, {});
			const run = await runBland({
				resource: 'pathway',
				operation: 'update',
				pathwayId: pathway,
				updateFields: { nodes: JSON.stringify([...nodes, { id: 'x', type: 'Hologram', data: { name: 'H' } }]), edges: '[]' },
			});
			expect(run.error?.message).toMatch(/^The pathway graph is invalid \(1 problem\): node "H" \(id x\): has an unknown type "Hologram"/);
			expect(scope.isDone()).toBe(false);
		});

		it('Update: nodes without edges', async () => {
			const scope = nock(BLAND).post('/v1/pathway/pw-1').reply(200, {});
			const run = await runBland({ resource: 'pathway', operation: 'update', pathwayId: pathway, updateFields: { nodes: JSON.stringify(nodes) } });
			expect(run.error?.message).toBe('"Nodes (JSON)" and "Edges (JSON)" must be set together: Bland replaces the whole graph');
			expect(scope.isDone()).toBe(false);
		});

		it('Create Version: nodes that are not JSON', async () => {
			const scope = nock(BLAND).post('/v1/pathway/pw-1/version').reply(200, {});
			const run = await runBland({ resource: 'pathway', operation: 'createVersion', pathwayId: pathway, nodes: '[{', edges: '[]' });
			expect(run.error?.message).toMatch(/^"Nodes \(JSON\)" is not valid JSON/);
			expect(scope.isDone()).toBe(false);
		});
	});
});
