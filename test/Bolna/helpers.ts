import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import nock from 'nock';

import { Bolna } from '../../nodes/Bolna/Bolna.node';
import { node, registerNodeType, runWorkflow, type RunResult } from '../helpers/engine';

export const BOLNA = 'https://api.bolna.ai';
export const API_KEY = 'bn-test-key-123';
export const AUTH = { reqheaders: { authorization: `Bearer ${API_KEY}` } };
export const AGENT = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
export const BATCH = '3c90c3cc0d444b5088888dd25736052a';
export const EXECUTION = 'c8098ad0-29f6-456d-1234-7b93ad224059';

const type = registerNodeType('bolna', new Bolna());

export function credentials(allowedDestinations = '', extra: IDataObject = {}) {
	return { bolnaApi: { apiKey: API_KEY, baseUrl: BOLNA, allowedDestinations, ...extra } };
}

export const agentRl = { __rl: true, mode: 'id', value: AGENT };

/** Runs one Bolna node through the n8n engine with the given parameters and input items. */
export async function runBolna(
	parameters: IDataObject,
	inputItems: INodeExecutionData[] = [{ json: {} }],
	options: { allowedDestinations?: string; continueOnFail?: boolean; credentials?: IDataObject } = {},
): Promise<RunResult & { items: INodeExecutionData[] }> {
	const result = await runWorkflow({
		nodes: [
			node('Bolna', type, parameters, {
				credentials: { bolnaApi: { id: '1', name: 'Bolna' } },
				...(options.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
			} as never),
		],
		startNode: 'Bolna',
		inputItems,
		credentials: credentials(options.allowedDestinations, options.credentials),
	});
	return Object.assign(result, { items: result.output('Bolna') });
}

export interface FormPart {
	name: string;
	filename?: string;
	contentType?: string;
	value: string;
}

/** Splits a multipart/form-data body into its parts (text only; enough for these tests). */
export function parseMultipart(body: string, contentType: string): FormPart[] {
	const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
	if (!boundary) throw new Error(`no boundary in ${contentType}`);
	expect(body.endsWith(`--${boundary}--\r\n`)).toBe(true);
	return body
		.split(`--${boundary}`)
		.slice(1, -1)
		.map((chunk) => {
			expect(chunk.startsWith('\r\n')).toBe(true);
			expect(chunk.endsWith('\r\n')).toBe(true);
			const text = chunk.slice(2, -2);
			const split = text.indexOf('\r\n\r\n');
			const head = text.slice(0, split);
			const value = text.slice(split + 4);
			const name = /name="([^"]*)"/.exec(head)?.[1] ?? '';
			const filename = /filename="([^"]*)"/.exec(head)?.[1];
			const type = /Content-Type: (.+)/i.exec(head)?.[1];
			return {
				name,
				value,
				...(filename !== undefined ? { filename } : {}),
				...(type !== undefined ? { contentType: type.trim() } : {}),
			};
		});
}

/** Records every request nock sees for a host (including unmatched ones), to count them. */
export function recordRequests(): { requests: Array<{ method: string; path: string }>; stop: () => void } {
	const requests: Array<{ method: string; path: string }> = [];
	const listener = (req: { method: string; path: string }) => requests.push({ method: req.method, path: req.path });
	nock.emitter.on('no match', listener);
	return { requests, stop: () => nock.emitter.removeListener('no match', listener) };
}

/**
 * A dropped connection for `replyWithError`. It must be an Error instance: with nock 14 a plain
 * `{ code: 'ECONNRESET' }` object never reaches axios and the request hangs.
 */
export function connectionReset(): Error {
	return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}
