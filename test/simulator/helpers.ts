import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Simulator, SimulatorOptions } from '../../simulator';
import { startSimulator } from '../../simulator';

export const BOLNA_KEY = 'bn-test-sim';
export const BLAND_KEY = 'sk-test-sim';
export const BLAND_SECRET = 'whsec-test-sim';

/** A simulator with test keys and a fast clock. */
export async function startTestSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	return await startSimulator({
		bolnaApiKey: BOLNA_KEY,
		blandApiKey: BLAND_KEY,
		blandWebhookSecret: BLAND_SECRET,
		clockMs: 15,
		correctedTranscriptDelayMs: 40,
		...options,
	});
}

export interface Received {
	path: string;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
	body: any;
}

/** A local webhook receiver (what a workflow's webhook URL would be). */
export async function startReceiver(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks).toString('utf8');
			received.push({ path: req.url ?? '', headers: req.headers, rawBody, body: JSON.parse(rawBody) });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

export interface JsonResponse {
	status: number;
	headers: Headers;
	body: any;
}

/** fetch returning status, headers and the parsed JSON body. */
export async function call(url: string, init: RequestInit = {}): Promise<JsonResponse> {
	const response = await fetch(url, init);
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: text === '' ? null : JSON.parse(text) };
}

export function bolna(sim: Simulator, method: string, path: string, body?: unknown, key = BOLNA_KEY): Promise<JsonResponse> {
	return call(`${sim.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}

export function bland(sim: Simulator, method: string, path: string, body?: unknown, authorization = BLAND_KEY): Promise<JsonResponse> {
	return call(`${sim.url}${path}`, {
		method,
		headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}
