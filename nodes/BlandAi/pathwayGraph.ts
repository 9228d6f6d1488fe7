import type { IDataObject } from 'n8n-workflow';

import type { Problem } from './types';

/**
 * Node types a Bland pathway may contain, compared case-insensitively with spaces, dashes and
 * underscores ignored. Bland adds types over time; this list errs on the side of accepting.
 */
export const KNOWN_NODE_TYPES = [
	'Default',
	'End Call',
	'Transfer Call',
	'Transfer Node',
	'Webhook',
	'Knowledge Base',
	'SMS',
	'Custom Code',
	'Press Button',
	'Wait for Response',
	'Transfer Pathway',
	'Scheduling',
	'Global',
	'Route',
	'Amazon Connect',
	'Vector DB',
] as const;

const normalType = (type: string) => type.toLowerCase().replace(/[\s_-]+/g, '');
const KNOWN = new Map(KNOWN_NODE_TYPES.map((t) => [normalType(t), t]));

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string {
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' ? value.trim() : '';
}

function describeNode(node: IDataObject, index: number): string {
	const id = text(node.id);
	const name = isObject(node.data) ? text(node.data.name) : '';
	if (name && id) return `node "${name}" (id ${id})`;
	if (id) return `node ${id}`;
	return `node #${index + 1}`;
}

function describeEdge(edge: IDataObject, index: number): string {
	const id = text(edge.id);
	return id ? `edge ${id}` : `edge #${index + 1}`;
}

/** The edge's label, from the top level (Bland's docs) or `data.label` (other sources). */
export function edgeLabel(edge: IDataObject): string | undefined {
	const top = text(edge.label);
	if (top) return top;
	return isObject(edge.data) ? text(edge.data.label) || undefined : undefined;
}

/** Type-specific required data, checked after the type itself is known. */
function requiredFieldProblems(type: string, data: IDataObject, at: string): Problem[] {
	const problems: Problem[] = [];
	switch (type) {
		case 'Default':
			if (!text(data.text) && !text(data.prompt)) {
				problems.push({ at, code: 'default-needs-text', message: 'a Default node needs "text" or "prompt" in data' });
			}
			break;
		case 'Transfer Call':
		case 'Transfer Node':
			if (!text(data.transferNumber)) {
				problems.push({
					at,
					code: 'transfer-needs-number',
					message: 'a Transfer Call node needs "transferNumber" in data',
				});
			}
			break;
		case 'Webhook': {
			const url = text(data.url);
			if (!url) {
				problems.push({ at, code: 'webhook-needs-url', message: 'a Webhook node needs "url" in data' });
			} else if (!/^https?:\/\/\S+$/i.test(url)) {
				problems.push({ at, code: 'webhook-bad-url', message: `"url" is not an http(s) URL (got "${url}")` });
			}
			break;
		}
	}
	if (data.isGlobal === true && !text(data.globalLabel)) {
		problems.push({ at, code: 'global-needs-label', message: 'a global node (isGlobal) needs "globalLabel" in data' });
	}
	return problems;
}

/**
 * Checks a pathway graph before it is sent: exactly one start node (`data.isStart`), unique node
 * ids, known node types with their required data, and edges that have a unique id and connect
 * existing nodes. Returns every problem found (empty = valid); each names the node or edge.
 */
export function validatePathwayGraph(nodes: unknown, edges: unknown): Problem[] {
	const problems: Problem[] = [];
	if (!Array.isArray(nodes)) {
		return [{ at: 'nodes', code: 'nodes-not-array', message: 'must be a JSON array of nodes' }];
	}
	if (!Array.isArray(edges)) {
		return [{ at: 'edges', code: 'edges-not-array', message: 'must be a JSON array of edges' }];
	}

	const ids = new Set<string>();
	const starts: string[] = [];
	nodes.forEach((node: unknown, index) => {
		if (!isObject(node)) {
			problems.push({ at: `node #${index + 1}`, code: 'node-not-object', message: 'must be an object' });
			return;
		}
		const at = describeNode(node, index);
		const id = text(node.id);
		if (!id) {
			problems.push({ at, code: 'node-missing-id', message: 'has no "id"' });
		} else if (ids.has(id)) {
			problems.push({ at, code: 'node-duplicate-id', message: `has the same id as another node ("${id}")` });
		} else {
			ids.add(id);
		}
		const data = isObject(node.data) ? node.data : undefined;
		if (!data) {
			problems.push({ at, code: 'node-missing-data', message: 'has no "data" object' });
		}
		if (data?.isStart === true) starts.push(at);

		const rawType = text(node.type);
		const type = KNOWN.get(normalType(rawType));
		if (!rawType) {
			problems.push({ at, code: 'node-missing-type', message: 'has no "type"' });
		} else if (!type) {
			problems.push({
				at,
				code: 'node-unknown-type',
				message: `has an unknown type "${rawType}" (known: ${KNOWN_NODE_TYPES.join(', ')})`,
			});
		} else if (data) {
			problems.push(...requiredFieldProblems(type, data, at));
		}
	});

	if (starts.length === 0 && nodes.length > 0) {
		problems.push({ at: 'nodes', code: 'no-start-node', message: 'no node has "isStart": true in data; exactly one must' });
	} else if (starts.length > 1) {
		problems.push({
			at: 'nodes',
			code: 'several-start-nodes',
			message: `${starts.length} nodes are marked "isStart" (${starts.join(', ')}); exactly one must be`,
		});
	}
	if (nodes.length === 0) {
		problems.push({ at: 'nodes', code: 'no-nodes', message: 'the pathway has no nodes' });
	}

	const edgeIds = new Set<string>();
	edges.forEach((edge: unknown, index) => {
		if (!isObject(edge)) {
			problems.push({ at: `edge #${index + 1}`, code: 'edge-not-object', message: 'must be an object' });
			return;
		}
		const at = describeEdge(edge, index);
		const id = text(edge.id);
		if (!id) {
			problems.push({ at, code: 'edge-missing-id', message: 'has no "id"' });
		} else if (edgeIds.has(id)) {
			problems.push({ at, code: 'edge-duplicate-id', message: `has the same id as another edge ("${id}")` });
		} else {
			edgeIds.add(id);
		}
		for (const end of ['source', 'target'] as const) {
			const ref = text(edge[end]);
			if (!ref) {
				problems.push({ at, code: `edge-missing-${end}`, message: `has no "${end}"` });
			} else if (!ids.has(ref)) {
				problems.push({ at, code: `edge-unknown-${end}`, message: `${end} "${ref}" is not a node of this pathway` });
			}
		}
	});

	return problems;
}

/** One line per problem, for an error message. */
export function formatProblems(problems: Problem[]): string {
	return problems.map((p) => `${p.at}: ${p.message}`).join('; ');
}
