import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requireAllowedNumbersIn } from '../../../shared/request/numbers';
import { parseJsonField } from '../../../shared/validation/json';
import { formatProblems, validatePathwayGraph } from '../../pathwayGraph';

export const EXAMPLE_NODES = JSON.stringify(
	[
		{ id: '1', type: 'Default', data: { name: 'Start', text: 'Hi, this is Ada from Acme. Is now a good time?', isStart: true } },
		{ id: '2', type: 'End Call', data: { name: 'Goodbye', prompt: 'Thank them and say goodbye' } },
	],
	null,
	2,
);

export const EXAMPLE_EDGES = JSON.stringify([{ id: 'e1', source: '1', target: '2', label: 'not a good time' }], null, 2);

export const nodesField: INodeProperties = {
	displayName: 'Nodes (JSON)',
	name: 'nodes',
	type: 'json',
	default: '',
	hint: `Example: ${JSON.stringify(JSON.parse(EXAMPLE_NODES))}`,
	description:
		'The pathway nodes as a JSON array; each has an ID, a type and data (name, text or prompt, isStart). Checked before sending: exactly one start node, unique IDs, known types and their required data.',
};

export const edgesField: INodeProperties = {
	displayName: 'Edges (JSON)',
	name: 'edges',
	type: 'json',
	default: '',
	hint: `Example: ${JSON.stringify(JSON.parse(EXAMPLE_EDGES))}`,
	description: 'The connections as a JSON array; each has an ID, a source and a target node ID, and a label saying when the agent takes it',
};

/**
 * Parses nodes and edges and checks the graph; throws naming every fault, before any request.
 * Every phone number in the graph (a Transfer Call node's transferNumber, an SMS node's number,
 * anything else) must be inside the credential's allowed prefixes: a call to an allowed number
 * that runs this pathway can transfer to, or text, the numbers it holds.
 */
export function requireValidGraph(
	ctx: IExecuteFunctions,
	rawNodes: unknown,
	rawEdges: unknown,
	itemIndex: number,
	allowedPrefixes: string[] = [],
): { nodes: IDataObject[]; edges: IDataObject[] } {
	const node = ctx.getNode();
	const nodes = parseJsonField<IDataObject[]>(node, rawNodes, 'Nodes (JSON)', itemIndex, 'array');
	const edges = parseJsonField<IDataObject[]>(node, rawEdges, 'Edges (JSON)', itemIndex, 'array');
	if (!nodes) throw new NodeOperationError(node, '"Nodes (JSON)" is required', { itemIndex });
	if (!edges) throw new NodeOperationError(node, '"Edges (JSON)" is required (use [] for none)', { itemIndex });
	const problems = validatePathwayGraph(nodes, edges);
	if (problems.length) {
		throw new NodeOperationError(
			node,
			`The pathway graph is invalid (${problems.length} problem${problems.length > 1 ? 's' : ''}): ${formatProblems(problems)}`,
			{ itemIndex, description: 'Nothing was sent to Bland. Fix the nodes or edges named above.' },
		);
	}
	requireAllowedNumbersIn(node, { nodes, edges }, 'The pathway graph', itemIndex, allowedPrefixes);
	return { nodes, edges };
}
