import type { IDataObject } from 'n8n-workflow';

/** One problem found in a pathway graph or a tool definition, naming what is at fault. */
export interface Problem {
	/** Where the problem is: `node "Start" (id 1)`, `edge e-2`, `url`, `response.name`. */
	at: string;
	message: string;
	/** Stable code so callers can treat some problems differently (e.g. `url-not-https` in Test). */
	code: string;
}

/** A pathway node as Bland stores it: `{ id, type, data: { name, text | prompt, isStart, … } }`. */
export interface PathwayNode extends IDataObject {
	id: string;
	type: string;
	data: IDataObject;
}

/** A pathway edge; Bland's docs put `label` at the top level, other sources under `data.label`. */
export interface PathwayEdge extends IDataObject {
	id: string;
	source: string;
	target: string;
}

/** A custom tool (v1 `/v1/tools`) definition as sent to and returned by Bland. */
export interface ToolDefinition extends IDataObject {
	name?: string;
	description?: string;
	speech?: string;
	url?: string;
	method?: string;
	headers?: IDataObject;
	body?: IDataObject | string;
	query?: IDataObject;
	input_schema?: IDataObject;
	/** Variable name → JSONPath into the tool's response body. */
	response?: IDataObject;
	/** Milliseconds. */
	timeout?: number;
}
