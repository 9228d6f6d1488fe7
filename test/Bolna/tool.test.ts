import type { INode } from 'n8n-workflow';

import {
	defaultParamTemplate,
	ToolConfigError,
	upsertTool,
	validateParamTemplate,
} from '../../nodes/Bolna/actions/agent/tool';
import type { BolnaToolParams, BolnaToolSpec } from '../../nodes/Bolna/types';

const node = { name: 'Bolna', type: 'bolna', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;
const spec: BolnaToolSpec = { name: 'lookup', description: 'd', parameters: { type: 'object', properties: {} }, key: 'custom_task' };
const params: BolnaToolParams = { method: 'GET', url: 'https://x.example', param: '{}', api_token: null, headers: {} };

describe('param templates', () => {
	it('types placeholders from the schema', () => {
		expect(
			defaultParamTemplate({
				type: 'object',
				properties: { a: { type: 'string' }, n: { type: 'integer' }, f: { type: 'number' }, b: { type: 'boolean' } },
			}),
		).toBe('{"a":"%(a)s","n":%(n)i,"f":%(f)f,"b":"%(b)s"}');
		expect(defaultParamTemplate({ type: 'object' })).toBe('{}');
	});

	it('accepts a hand-written template that is JSON once filled', () => {
		const schema = { type: 'object', properties: { n: { type: 'integer' } } };
		expect(validateParamTemplate(node, '{"n": %(n)i, "fixed": "x"}', schema, 0)).toBe('{"n": %(n)i, "fixed": "x"}');
		expect(() => validateParamTemplate(node, '[1]', schema, 0)).toThrow('"Param Template" must be a JSON object');
	});
});

describe('upsertTool', () => {
	it('uses the conversation task, not simply the first one, and leaves the others alone', () => {
		const other = { task_type: 'extraction', tools_config: { api_tools: null } };
		const result = upsertTool(
			{ agent_config: { tasks: [other, { task_type: 'conversation', tools_config: { llm_agent: { x: 1 } } }] } },
			spec,
			params,
		);
		expect(result.taskIndex).toBe(1);
		expect(result.tasks[0]).toBe(other);
		expect(result.tasks[1]).toEqual({
			task_type: 'conversation',
			tools_config: { llm_agent: { x: 1 }, api_tools: { tools: [spec], tools_params: { lookup: params } } },
		});
		expect(result.action).toBe('created');
	});

	it('replaces a custom tool of the same name in place', () => {
		const agent = {
			tasks: [
				{
					task_type: 'conversation',
					tools_config: {
						api_tools: {
							tools: [{ name: 'lookup', description: 'old' }, { name: 'b', key: 'custom_task' }],
							tools_params: { lookup: { url: 'old' }, b: { url: 'b' } },
						},
					},
				},
			],
		};
		const result = upsertTool(agent, spec, params);
		expect(result.action).toBe('replaced');
		expect(result.toolCount).toBe(2);
		const apiTools = (result.tasks[0].tools_config as any).api_tools;
		expect(apiTools.tools).toEqual([spec, { name: 'b', key: 'custom_task' }]);
		expect(apiTools.tools_params).toEqual({ lookup: params, b: { url: 'b' } });
		// the input agent is not mutated
		expect(agent.tasks[0].tools_config.api_tools.tools[0]).toEqual({ name: 'lookup', description: 'old' });
	});

	it('refuses agents it cannot safely change', () => {
		expect(() => upsertTool({ tasks: [] }, spec, params)).toThrow(ToolConfigError);
		expect(() => upsertTool({}, spec, params)).toThrow('has no tasks');
		expect(() =>
			upsertTool({ tasks: [{ tools_config: { api_tools: { tools: '[oops' } } }] }, spec, params),
		).toThrow('not valid JSON');
		expect(() =>
			upsertTool({ tasks: [{ tools_config: { api_tools: { tools: '{}' } } }] }, spec, params),
		).toThrow('not a list');
	});
});
