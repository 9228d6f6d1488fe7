import * as fs from 'node:fs';
import * as path from 'node:path';

import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { BlandAi } from '../../nodes/BlandAi/BlandAi.node';
import { BlandAiTrigger } from '../../nodes/BlandAi/BlandAiTrigger.node';
import { Bolna } from '../../nodes/Bolna/Bolna.node';
import { BolnaTrigger } from '../../nodes/Bolna/BolnaTrigger.node';

// What the n8n editor shows: codex (search, categories), defaults, subtitles, tool variants.

const NODES_DIR = path.resolve(__dirname, '..', '..', 'nodes');
const codexFiles = ['Bolna/Bolna', 'Bolna/BolnaTrigger', 'BlandAi/BlandAi', 'BlandAi/BlandAiTrigger'].map((file) => ({
	file,
	codex: JSON.parse(fs.readFileSync(path.join(NODES_DIR, `${file}.node.json`), 'utf8')),
}));

const actionNodes: Array<[string, INodeTypeDescription]> = [
	['Bolna', new Bolna().description],
	['Bland AI', new BlandAi().description],
];
const allNodes = [...actionNodes, ['Bolna Trigger', new BolnaTrigger().description], ['Bland AI Trigger', new BlandAiTrigger().description]] as Array<
	[string, INodeTypeDescription]
>;

/** Every property, nested ones included. */
function flatten(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((p) => [
		p,
		...flatten(((p.options ?? []) as unknown[]).flatMap((o) => ('displayName' in (o as object) ? [o as INodeProperties] : ((o as { values?: INodeProperties[] }).values ?? [])))),
	]);
}

/** The parameters n8n resolves for a node of this description (defaults included). */
function resolved(description: INodeTypeDescription, asTool: boolean, parameters: Record<string, string> = {}) {
	const typeDescription = { ...description, name: asTool ? `${description.name}Tool` : description.name };
	const node = { name: 'n', type: typeDescription.name, typeVersion: 1, parameters, position: [0, 0] as [number, number], id: 'n' };
	return NodeHelpers.getNodeParameters(typeDescription.properties, parameters, true, false, node, typeDescription) as Record<string, unknown>;
}

/** Evaluates a subtitle expression the way n8n does for this simple form (`$parameter` only). */
function subtitle(expression: string, parameter: Record<string, unknown>): string {
	const body = expression.replace(/^=\{\{/, '').replace(/\}\}$/, '');
	return new Function('$parameter', `return ${body};`)(parameter) as string;
}

describe('codex: found by search like n8n’s own app nodes', () => {
	it.each(codexFiles)('$file is in Communication only (the AI category hides a node from search)', ({ codex }) => {
		expect(codex.categories).toEqual(['Communication']);
		expect(codex.subcategories).toBeUndefined();
	});

	it.each(codexFiles)('$file answers to what users type', ({ codex }) => {
		expect(codex.alias).toEqual(expect.arrayContaining(['phone call', 'voice agent', 'AI call', 'campaign']));
		expect(codex.resources.primaryDocumentation[0].url).toMatch(/^https:\/\//);
	});

	it('the action nodes also answer to "outbound call"', () => {
		for (const { file, codex } of codexFiles.filter((c) => !c.file.endsWith('Trigger'))) {
			expect([file, codex.alias]).toEqual([file, expect.arrayContaining(['outbound call'])]);
		}
	});

	it('the action nodes are AI tools through usableAsTool, the triggers are not', () => {
		expect(allNodes.map(([name, d]) => [name, d.usableAsTool === true])).toEqual([
			['Bolna', true],
			['Bland AI', true],
			['Bolna Trigger', false],
			['Bland AI Trigger', false],
		]);
	});
});

describe('defaults: nothing sample is sent as is', () => {
	it.each(actionNodes)('%s: every JSON field starts empty (examples are hints)', (_name, description) => {
		const json = flatten(description.properties).filter((p) => p.type === 'json');
		expect(json.length).toBeGreaterThan(0);
		for (const p of json) expect([p.name, p.default]).toEqual([p.name, expect.stringMatching(/^(|\{\}|\[\])$/)]);
	});

	it('Publish asks for the version and starts on Staging', () => {
		const params = resolved(new BlandAi().description, false, { resource: 'pathway', operation: 'publish' });
		expect(params.versionNumber).toBe(0);
		expect(params.environment).toBe('staging');
	});

	it('no display name abbreviates milliseconds', () => {
		for (const [, description] of allNodes) {
			for (const p of flatten(description.properties)) expect(p.displayName).not.toMatch(/\(Ms\)/);
		}
	});
});

describe('names: one vocabulary across both nodes', () => {
	const operationNames = (description: INodeTypeDescription, resource: string) =>
		description.properties
			.filter((p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource))
			.flatMap((p) => (p.options as Array<{ name: string; value: string }>).map((o) => `${o.value}=${o.name}`));

	it('call operations read the same in Bolna and Bland AI', () => {
		const bolna = operationNames(new Bolna().description, 'call');
		const bland = operationNames(new BlandAi().description, 'call');
		expect(bolna).toEqual(expect.arrayContaining(['make=Make Call', 'stop=Stop Call']));
		expect(bland).toEqual(expect.arrayContaining(['make=Make Call', 'stop=Stop Call', 'get=Get Call']));
	});

	it('Invalid Rows offers the same two choices in both Create Batch operations', () => {
		const choices = actionNodes.map(([, d]) =>
			(flatten(d.properties).find((p) => p.name === 'invalidRows')?.options as Array<{ name: string }>).map((o) => o.name),
		);
		expect(choices).toEqual([
			['Stop With an Error', 'Skip and Report'],
			['Stop With an Error', 'Skip and Report'],
		]);
	});
});

describe('docs links per resource', () => {
	it.each(actionNodes)('%s: each resource links its own API reference page', (_name, description) => {
		const resources = (description.properties.find((p) => p.name === 'resource')?.options as Array<{ value: string }>).map((o) => o.value);
		const links = resources.map((resource) => {
			const selector = description.properties.find(
				(p) => p.name === 'operation' && (p.displayOptions?.show?.resource as string[]).includes(resource),
			);
			return /href="(https:\/\/[^"]+)"/.exec(selector?.hint ?? '')?.[1];
		});
		expect(links.every(Boolean)).toBe(true);
		expect(new Set(links).size).toBe(resources.length);
	});
});

describe('canvas subtitles name the operation in words', () => {
	it.each(actionNodes)('%s: every resource/operation pair has a readable subtitle', (_name, description) => {
		const operations = description.properties.filter((p) => p.name === 'operation');
		expect(operations.length).toBeGreaterThan(0);
		for (const property of operations) {
			for (const resource of property.displayOptions?.show?.resource as string[]) {
				for (const option of property.options as Array<{ value: string; action: string }>) {
					expect(subtitle(description.subtitle as string, { resource, operation: option.value })).toBe(option.action);
				}
			}
		}
	});

	it('the triggers name the chosen events and statuses', () => {
		expect(subtitle(new BlandAiTrigger().description.subtitle as string, { events: ['callCompleted', 'batchStatus'] })).toMatch(/^Events: Call Completed, Batch Status/);
		expect(subtitle(new BolnaTrigger().description.subtitle as string, { statuses: ['no-answer', 'completed'] })).toBe('Statuses: No Answer, Completed');
	});

	it('Bland AI Test Tool reads "Test a custom tool", not "test: customTool"', () => {
		expect(subtitle(new BlandAi().description.subtitle as string, { resource: 'customTool', operation: 'test' })).toBe('Test a custom tool');
	});
});

describe('as an AI Agent tool the nodes start on a read operation, not on the billed Make Call', () => {
	it('Bolna: the node starts on Make Call, its tool on Stop Call (cancels a queued call only)', () => {
		const description = new Bolna().description;
		expect([resolved(description, false).resource, resolved(description, false).operation]).toEqual(['call', 'make']);
		expect([resolved(description, true).resource, resolved(description, true).operation]).toEqual(['call', 'stop']);
	});

	it('each node keeps one Resource selector (n8n lists actions once per selector)', () => {
		for (const [, description] of actionNodes) expect(description.properties.filter((p) => p.name === 'resource')).toHaveLength(1);
	});

	it('Bland AI: the node starts on Make Call, its tool on Get Call', () => {
		const description = new BlandAi().description;
		expect([resolved(description, false).resource, resolved(description, false).operation]).toEqual(['call', 'make']);
		expect([resolved(description, true).resource, resolved(description, true).operation]).toEqual(['call', 'get']);
	});

	it('a saved Make Call stays Make Call in both variants', () => {
		for (const [, description] of actionNodes) {
			expect(resolved(description, true, { resource: 'call', operation: 'make' }).operation).toBe('make');
		}
	});
});
