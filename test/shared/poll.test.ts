import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { pollAllUntil, pollUntil } from '../../nodes/shared/transport/poll';

/** A fake clock: `wait` advances time instead of sleeping, and records each wait. */
function fakeClock() {
	let t = 0;
	const waits: number[] = [];
	return {
		now: () => t,
		wait: async (ms: number) => {
			waits.push(ms);
			t += ms;
		},
		waits,
	};
}

describe('pollUntil', () => {
	it('stops as soon as the value is done and backs off between polls', async () => {
		const clock = fakeClock();
		const values = ['queued', 'ringing', 'in-progress', 'completed'];
		let i = 0;
		const result = await pollUntil(async () => values[i++], (v) => v === 'completed', {
			intervalMs: 1000,
			maxIntervalMs: 2000,
			factor: 1.5,
			maxWaitMs: 60_000,
			...clock,
		});
		expect(result).toEqual({ value: 'completed', done: true, polls: 4 });
		expect(clock.waits).toEqual([1000, 1500, 2000]);
	});

	it('gives up at the deadline with the last value, never polling more than wait / interval + 1 times', async () => {
		const clock = fakeClock();
		let polls = 0;
		const result = await pollUntil(
			async () => {
				polls++;
				return 'ringing';
			},
			() => false,
			{ intervalMs: 1000, maxIntervalMs: 1000, maxWaitMs: 10_000, ...clock },
		);
		expect(result.done).toBe(false);
		expect(result.value).toBe('ringing');
		expect(polls).toBe(11);
		expect(clock.now()).toBe(10_000);
	});
});

describe('pollAllUntil', () => {
	it('polls every pending id each round and stops polling an id once it is done', async () => {
		const clock = fakeClock();
		const calls: string[] = [];
		const finishAfter: Record<string, number> = { a: 1, b: 3, c: 2 };
		const seen: Record<string, number> = { a: 0, b: 0, c: 0 };
		const results = await pollAllUntil(
			['a', 'b', 'c'],
			async (id) => {
				calls.push(id);
				seen[id]++;
				return seen[id] >= finishAfter[id] ? 'completed' : 'ringing';
			},
			(v) => v === 'completed',
			() => 'queued',
			{ intervalMs: 1000, maxIntervalMs: 1000, maxWaitMs: 60_000, ...clock },
		);
		expect(calls).toEqual(['a', 'b', 'c', 'b', 'c', 'b']);
		expect(clock.waits).toEqual([1000, 1000]);
		expect(Object.fromEntries(results)).toEqual({
			a: { value: 'completed', done: true, polls: 1 },
			b: { value: 'completed', done: true, polls: 3 },
			c: { value: 'completed', done: true, polls: 2 },
		});
	});

	it('keeps the last known value when a poll fails, and reports not done at the deadline', async () => {
		const clock = fakeClock();
		let n = 0;
		const results = await pollAllUntil(
			['x'],
			async () => {
				n++;
				if (n === 2) throw new Error('network');
				return `status-${n}`;
			},
			() => false,
			() => 'queued',
			{ intervalMs: 1000, maxIntervalMs: 1000, maxWaitMs: 2000, ...clock },
		);
		expect(results.get('x')).toEqual({ value: 'status-3', done: false, polls: 3 });
	});
});

describe('pollAllUntil and permanent refusals', () => {
	it('stops at once on a 4xx other than 408/429 and rethrows it', async () => {
		const clock = fakeClock();
		let n = 0;
		const node = { name: 'Bolna', type: 'n8n-nodes-voice-agents-bolna.bolna', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
		// What the transport throws for a 404.
		const refusal = new NodeApiError(node, { message: 'not found' }, { message: 'Bolna API error 404: not found', httpCode: '404' });
		await expect(
			pollAllUntil(
				['x'],
				async () => {
					n++;
					throw refusal;
				},
				() => false,
				() => 'queued',
				{ intervalMs: 1000, maxIntervalMs: 1000, maxWaitMs: 60_000, ...clock },
			),
		).rejects.toBe(refusal);
		expect(n).toBe(1);
	});

	it.each(['429', '408', '503'])('keeps asking after a %s', async (httpCode) => {
		const clock = fakeClock();
		let n = 0;
		const results = await pollAllUntil(
			['x'],
			async () => {
				n++;
				if (n === 1) throw Object.assign(new Error('busy'), { httpCode });
				return 'completed';
			},
			(v) => v === 'completed',
			() => 'queued',
			{ intervalMs: 1000, maxIntervalMs: 1000, maxWaitMs: 60_000, ...clock },
		);
		expect(results.get('x')).toEqual({ value: 'completed', done: true, polls: 2 });
	});
});
