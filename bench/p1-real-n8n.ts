import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import { lastRequestId, seconds, SIM_AGENT_ID, SIM_BOLNA_KEY, startSim } from './p1-batch-vs-calls';
import type { BenchN8n } from './real-n8n';
import { startBenchN8n } from './real-n8n';
import type { Figure } from './report';
import { median, paired, ratioSpread } from './report';

const COUNT = 2_000;
const PAIRS = 3;

/** Webhook (answers with the last node's items) → Code (the contacts) → `step`. */
function workflow(name: string, path: string, step: Record<string, unknown>) {
	const nodes = [
		{ id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: randomUUID(), parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} } },
		{
			id: randomUUID(),
			name: 'Contacts',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: { jsCode: `return Array.from({ length: ${COUNT} }, (_, i) => ({ json: { phone: '+1415' + String(6000000 + i), name: 'Contact ' + i } }));` },
		},
		{ id: randomUUID(), position: [400, 0], ...step },
	];
	return {
		name,
		nodes,
		connections: {
			Start: { main: [[{ node: 'Contacts', type: 'main', index: 0 }]] },
			Contacts: { main: [[{ node: String(step.name), type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * P1c: what a user compares in a real n8n — Bolna Create Batch vs an HTTP Request node that POSTs
 * /call once per contact, both fed by the same Code node, against the simulator on loopback.
 */
export async function batchVsHttpLoop(root: string): Promise<Figure[]> {
	const sim = await startSim(root);
	let bench: BenchN8n | undefined;
	try {
		bench = await startBenchN8n(root);
		const { n8n, version } = bench;
		const credential = await n8n.createCredential('Bolna (simulator)', 'bolnaApi', { apiKey: SIM_BOLNA_KEY, baseUrl: sim.url, allowedDestinations: '' });
		const batchPath = `bench-batch-${randomUUID().slice(0, 8)}`;
		const loopPath = `bench-loop-${randomUUID().slice(0, 8)}`;
		await n8n.deploy(
			workflow('Bench: Create Batch', batchPath, {
				name: 'Create Batch',
				type: 'n8n-nodes-voice-agents-bolna.bolna',
				typeVersion: 1,
				parameters: { resource: 'batch', operation: 'create', agentId: { __rl: true, mode: 'id', value: SIM_AGENT_ID }, inputMode: 'items', phoneNumberField: 'phone', invalidRows: 'fail', schedule: false, options: {} },
				credentials: { bolnaApi: { id: credential.id, name: credential.name } },
			}),
		);
		await n8n.deploy(
			workflow('Bench: HTTP Request loop', loopPath, {
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					method: 'POST',
					url: `${sim.url}/call`,
					sendHeaders: true,
					headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${SIM_BOLNA_KEY}` }] },
					sendBody: true,
					specifyBody: 'json',
					jsonBody: `={{ JSON.stringify({ agent_id: '${SIM_AGENT_ID}', recipient_phone_number: $json.phone, user_data: { name: $json.name } }) }}`,
					options: {},
				},
			}),
		);
		const side = async (path: string) => {
			const before = lastRequestId(sim);
			const started = performance.now();
			const res = await n8n.webhook(path, {});
			const ms = performance.now() - started;
			if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.data).slice(0, 300)}`);
			return { ms, requests: lastRequestId(sim) - before };
		};
		await side(batchPath);
		await side(loopPath);
		const pairs = await paired(PAIRS, async () => await side(batchPath), async () => await side(loopPath));
		if (pairs.some(([b, l]) => b.requests !== 1 || l.requests !== COUNT)) {
			throw new Error(`requests per run: ${pairs.map(([b, l]) => `${b.requests} vs ${l.requests}`).join(', ')}`);
		}
		return [
			{
				id: 'P1c',
				what: `Real n8n ${version}: ${COUNT.toLocaleString('en')} contacts from a Code node — Bolna Create Batch vs an HTTP Request node POSTing /call per item (webhook to last node, wall time)`,
				ours: `${seconds(median(pairs.map(([b]) => b.ms)))} (median), 1 request`,
				baseline: `${seconds(median(pairs.map(([, l]) => l.ms)))} (median), ${COUNT.toLocaleString('en')} requests`,
				ratio: ratioSpread(pairs.map(([b, l]) => l.ms / b.ms), 1),
				note: 'ratio per pair = HTTP Request loop time / Create Batch time; simulator on loopback (no network latency, which would widen the gap); the loop also has no row checks, no allow-list and no Call Guard',
			},
		];
	} finally {
		await bench?.stop();
		await sim.close();
	}
}
