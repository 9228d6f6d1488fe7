import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

import type { IDataObject } from 'n8n-workflow';

import { contactsFromItems, toCsv } from '../nodes/Bolna/csv';
import type { Figure } from './report';
import { ratio } from './report';

const COUNT = 100_000;
const RUNS = 5;

/** Items as an upstream node (a spreadsheet, a CRM) hands them to Create Batch. */
function items(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		phone: `+1 415 ${String(5_000_000 + i).padStart(7, '0')}`,
		name: `Contact ${i}`,
		email: `contact${i}@example.com`,
		plan: i % 3 === 0 ? 'pro' : 'free',
		notes: i % 10 === 0 ? 'asked for a call back, "after 5pm"' : '',
	}));
}

/** What Create Batch does with the items before the upload: check every row, then write the CSV. */
function build(input: IDataObject[]): string {
	const contacts = contactsFromItems(input, 'phone', []);
	if (contacts.rows.length !== input.length) throw new Error(`${contacts.rejected.length} rows rejected`);
	return toCsv(contacts);
}

/** Baseline: the same columns joined with commas, without row checks or CSV quoting. */
function naive(input: IDataObject[]): string {
	const columns = ['phone', 'name', 'email', 'plan', 'notes'];
	return [columns.join(','), ...input.map((item) => columns.map((c) => String(item[c] ?? '')).join(','))].join('\n');
}

function medianMs(fn: () => unknown, runs: number): number {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		fn();
		times.push(performance.now() - t);
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)];
}

interface Measured {
	medianMs: number;
	naiveMs: number;
	csvBytes: number;
	baseline: number;
	peak: number;
	retained: number;
	heapAfter: number;
}

/**
 * Runs in a child started with --expose-gc --trace-gc. V8 prints the used heap before every
 * collection; the highest of those values (or the heap at the end, whichever is higher) during the
 * measured build is its peak. V8's trace is buffered apart from process.stdout, so the measured
 * build is delimited by two explicit minor collections (`Scavenge … testing` in the trace).
 */
function child(): void {
	const gc = (global as unknown as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc;
	if (!gc) throw new Error('run with --expose-gc');
	const input = items(COUNT);
	const naiveMs = medianMs(() => naive(input), RUNS);
	const buildMs = medianMs(() => build(input), RUNS);
	gc();
	gc();
	const baseline = process.memoryUsage().heapUsed;
	gc({ type: 'minor' });
	const csv = build(input);
	const heapAfter = process.memoryUsage().heapUsed;
	gc({ type: 'minor' });
	gc();
	gc();
	const retained = process.memoryUsage().heapUsed - baseline;
	const result = {
		medianMs: buildMs,
		naiveMs,
		csvBytes: Buffer.byteLength(csv),
		baseline,
		heapAfter,
		retained,
	};
	process.stdout.write(`\n@@RESULT ${JSON.stringify(result)}\n`);
}

function parse(stdout: string): Measured {
	const lines = stdout.split('\n');
	const resultLine = lines.find((l) => l.startsWith('@@RESULT '));
	const markers = lines.map((l, i) => (/: Scavenge .* testing;/.test(l) ? i : -1)).filter((i) => i >= 0);
	if (markers.length !== 2 || !resultLine) throw new Error(`unexpected child output:\n${stdout.slice(-2000)}`);
	const result = JSON.parse(resultLine.slice('@@RESULT '.length)) as Omit<Measured, 'peak'>;
	// `… Scavenge 41.2 (60.1) -> 38.0 (61.1) MB, …`: used heap before the collection, in MiB. The
	// second marker's value is the heap right after the build.
	const beforeGc = lines
		.slice(markers[0] + 1, markers[1] + 1)
		.map((l) => /: (?:Scavenge|Mark-Compact|Mark-Sweep|Minor Mark-Compact|Minor Mark-Sweep)\D*?([\d.]+) \([\d.]+\) ->/.exec(l))
		.filter((m): m is RegExpExecArray => m !== null)
		.map((m) => Number(m[1]) * 2 ** 20);
	const peakHeap = Math.max(result.heapAfter, ...beforeGc);
	return { ...result, peak: peakHeap - result.baseline };
}

function mib(bytes: number): string {
	return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** P2: building the batch CSV from 100,000 items — time, and peak extra heap against the CSV's size. */
export function csvBuild(root: string): Figure[] {
	const stdout = execFileSync(process.execPath, ['--expose-gc', '--trace-gc', __filename, 'child'], {
		cwd: root,
		encoding: 'utf8',
		maxBuffer: 64 * 2 ** 20,
	});
	const m = parse(stdout);
	const rowsPerSecond = (COUNT / m.medianMs) * 1000;
	return [
		{
			id: 'P2a',
			what: `Batch CSV from ${COUNT.toLocaleString('en')} items (row checks + CSV writing, median of ${RUNS})`,
			ours: `${m.medianMs.toFixed(0)} ms`,
			baseline: `${m.naiveMs.toFixed(0)} ms (naive comma join)`,
			ratio: ratio(m.medianMs, m.naiveMs),
			note: `${Math.round(rowsPerSecond).toLocaleString('en')} rows/s, ${mib(m.csvBytes)} of CSV; 5 columns (phone with spaces to normalise, name, email, plan, notes with quotes). Baseline joins the same values with commas, with no E.164/duplicate checks and no quoting (it would corrupt the quoted notes)`,
		},
		{
			id: 'P2b',
			what: `Batch CSV from ${COUNT.toLocaleString('en')} items: peak extra heap vs CSV size`,
			ours: `${mib(m.peak)} peak extra heap`,
			baseline: `${mib(m.csvBytes)} CSV`,
			ratio: ratio(m.peak, m.csvBytes),
			note: `child process with --expose-gc --trace-gc: peak = highest used heap V8 reported during the build minus the heap after gc() with the items loaded; ${mib(m.retained)} still held afterwards (the CSV string)`,
		},
	];
}

if (require.main === module && process.argv[2] === 'child') child();
