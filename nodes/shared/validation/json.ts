import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Reads a JSON parameter that may arrive as an object (expression) or as text. Empty → undefined.
 * The error names the field and says where the JSON broke.
 */
export function parseJsonField<T = IDataObject>(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	expect: 'object' | 'array' | 'any' = 'object',
): T | undefined {
	if (value === undefined || value === null) return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw new NodeOperationError(node, `"${field}" is not valid JSON: ${(error as Error).message}`, {
				itemIndex,
			});
		}
	}
	if (expect === 'object' && (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))) {
		throw new NodeOperationError(node, `"${field}" must be a JSON object, e.g. {"name": "Ada"}`, {
			itemIndex,
		});
	}
	if (expect === 'array' && !Array.isArray(parsed)) {
		throw new NodeOperationError(node, `"${field}" must be a JSON array, e.g. [{"id": "1"}]`, {
			itemIndex,
		});
	}
	return parsed as T;
}
