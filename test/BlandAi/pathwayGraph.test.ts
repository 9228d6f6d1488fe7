import { edgeLabel, validatePathwayGraph } from '../../nodes/BlandAi/pathwayGraph';

const start = { id: '1', type: 'Default', data: { name: 'Start', text: 'Hi there', isStart: true } };
const end = { id: '2', type: 'End Call', data: { name: 'Bye', prompt: 'Say goodbye' } };
const edge = { id: 'e1', source: '1', target: '2', label: 'done' };

const codes = (nodes: unknown, edges: unknown) => validatePathwayGraph(nodes, edges).map((p) => `${p.at}: ${p.code}`);

describe('validatePathwayGraph', () => {
	it('accepts a valid graph, with edge labels at the top level or under data', () => {
		expect(validatePathwayGraph([start, end], [edge])).toEqual([]);
		expect(validatePathwayGraph([start, end], [{ id: 'e1', source: '1', target: '2', data: { label: 'done' } }])).toEqual([]);
		expect(edgeLabel(edge)).toBe('done');
		expect(edgeLabel({ id: 'e', source: '1', target: '2', data: { label: 'under data' } })).toBe('under data');
	});

	it('accepts every documented node type with its required data, case-insensitively', () => {
		const nodes = [
			start,
			{ id: 't', type: 'Transfer Call', data: { name: 'Transfer', transferNumber: '+14155550100' } },
			{ id: 'w', type: 'Webhook', data: { name: 'Book', url: 'https://api.example.com/book' } },
			{ id: 'k', type: 'Knowledge Base', data: { name: 'KB', kb: 'Hours: 9-5' } },
			{ id: 's', type: 'SMS', data: { name: 'Text' } },
			{ id: 'c', type: 'custom code', data: { name: 'Code' } },
			{ id: 'p', type: 'Press Button', data: {} },
			{ id: 'r', type: 'Wait for Response', data: {} },
			{ id: 'tp', type: 'Transfer Pathway', data: {} },
			{ id: 'sc', type: 'Scheduling', data: {} },
			{ id: 'g', type: 'Default', data: { prompt: 'Answer questions', isGlobal: true, globalLabel: 'user asks' } },
		];
		expect(validatePathwayGraph(nodes, [])).toEqual([]);
	});

	it('needs exactly one start node', () => {
		expect(codes([{ ...start, data: { text: 'x' } }, end], [])).toEqual(['nodes: no-start-node']);
		const problems = validatePathwayGraph([start, { ...end, data: { ...end.data, isStart: true } }], []);
		expect(problems).toEqual([
			{
				at: 'nodes',
				code: 'several-start-nodes',
				message: '2 nodes are marked "isStart" (node "Start" (id 1), node "Bye" (id 2)); exactly one must be',
			},
		]);
	});

	it('needs unique node ids and an id on every node', () => {
		expect(codes([start, { ...end, id: '1' }], [])).toEqual(['node "Bye" (id 1): node-duplicate-id']);
		expect(codes([start, { type: 'End Call', data: {} }], [])).toEqual(['node #2: node-missing-id']);
	});

	it('rejects unknown and missing node types, naming the node', () => {
		const problems = validatePathwayGraph([start, { id: 'x', type: 'Teleport', data: { name: 'Beam' } }], []);
		expect(problems).toHaveLength(1);
		expect(problems[0].at).toBe('node "Beam" (id x)');
		expect(problems[0].message).toMatch(/^has an unknown type "Teleport" \(known: Default, End Call, /);
		expect(codes([start, { id: 'y', data: {} }], [])).toEqual(['node y: node-missing-type']);
	});

	it('checks required data per type', () => {
		expect(codes([{ id: '1', type: 'Default', data: { name: 'Start', isStart: true } }], [])).toEqual([
			'node "Start" (id 1): default-needs-text',
		]);
		expect(codes([start, { id: 't', type: 'Transfer Call', data: { name: 'T' } }], [])).toEqual([
			'node "T" (id t): transfer-needs-number',
		]);
		expect(codes([start, { id: 'w', type: 'Webhook', data: { name: 'W' } }], [])).toEqual(['node "W" (id w): webhook-needs-url']);
		expect(codes([start, { id: 'w', type: 'Webhook', data: { name: 'W', url: 'ftp://x' } }], [])).toEqual([
			'node "W" (id w): webhook-bad-url',
		]);
		expect(codes([start, { id: 'g', type: 'Default', data: { name: 'G', text: 'x', isGlobal: true } }], [])).toEqual([
			'node "G" (id g): global-needs-label',
		]);
		expect(codes([start, { id: 'n', type: 'End Call' }], [])).toEqual(['node n: node-missing-data']);
	});

	it('checks edges: id, unique id, existing source and target', () => {
		expect(codes([start, end], [{ source: '1', target: '2' }])).toEqual(['edge #1: edge-missing-id']);
		expect(codes([start, end], [edge, { ...edge }])).toEqual(['edge e1: edge-duplicate-id']);
		const problems = validatePathwayGraph([start, end], [{ id: 'e9', source: '1', target: 'ghost' }]);
		expect(problems).toEqual([
			{ at: 'edge e9', code: 'edge-unknown-target', message: 'target "ghost" is not a node of this pathway' },
		]);
		expect(codes([start, end], [{ id: 'e2', target: '2' }])).toEqual(['edge e2: edge-missing-source']);
		expect(codes([start, end], ['not an edge'])).toEqual(['edge #1: edge-not-object']);
	});

	it('needs arrays and at least one node', () => {
		expect(codes({}, [])).toEqual(['nodes: nodes-not-array']);
		expect(codes([start], {})).toEqual(['edges: edges-not-array']);
		expect(codes([], [])).toEqual(['nodes: no-nodes']);
	});
});
