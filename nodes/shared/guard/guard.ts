import { createHash } from 'crypto';
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { guardIsActive, type GuardRules } from './rules';
import { describeWindow, localTime, nextOpening, zonesOutside } from './window';
import { zonesOf } from './zones';

/** A call in the provider's history, as the guard needs it. */
export interface CallRecord {
	/** E.164 number called. */
	to: string;
	/** When the call was created (epoch ms). */
	at: number;
	id?: string;
	batchId?: string;
}

/** Reads the provider's call history (the store the cooldown and the cap are counted in). */
export interface CallHistory {
	/** Whether `callsSince` can ask for a few numbers only (cheaper than every call). */
	byNumber: boolean;
	/**
	 * Calls created at or after `since`. With `numbers`, a provider that can filter by number may
	 * return only those numbers' calls; without, every call (the daily cap counts them all).
	 */
	callsSince(since: number, numbers?: string[]): Promise<CallRecord[]>;
}

/** What the guard did for one call, for the output item (`guard`). */
export interface GuardNote extends IDataObject {
	/** The rule that applied, in words. */
	reason: string;
	/** When the call was scheduled instead of now (ISO 8601, UTC), or null. */
	deferredTo: string | null;
	/** The recipient's candidate time zones. */
	zones: string[];
}

export interface GuardDecision {
	phone: string;
	note: GuardNote;
	/** Epoch ms the call must start at, when the guard moved it. */
	deferredTo?: number;
}

/** A refusal by one of the guard's rules. */
export class GuardRefusal extends Error {
	constructor(
		readonly rule: 'callingHours' | 'cooldown' | 'dailyCap',
		message: string,
	) {
		super(message);
	}
}

/**
 * Calls placed by this process and not yet seen in the provider's history, per account: closes the
 * gap between two executions here dialling the same number at once and the provider listing the
 * first call. The history remains the store that holds across processes and restarts.
 */
interface Claim {
	phones: string[];
	at: number;
	/** Call ID or batch ID, once known. */
	key?: string;
}
const claimsByAccount = new Map<string, Claim[]>();
const MAX_CLAIM_AGE = 7 * 24 * 60 * 60 * 1000;
const MAX_CLAIMS = 10_000;

function claimsOf(account: string, now: number, keepMs: number): Claim[] {
	const all = claimsByAccount.get(account) ?? [];
	const kept = all.filter((c) => now - c.at < Math.min(Math.max(keepMs, 24 * 60 * 60 * 1000), MAX_CLAIM_AGE));
	if (kept.length !== all.length) claimsByAccount.set(account, kept);
	return kept;
}

/** An account key for the claims: never the API key itself. */
export function accountKey(apiKey: unknown, baseUrl: unknown): string {
	return createHash('sha256').update(`${String(baseUrl ?? '')}\n${String(apiKey ?? '')}`).digest('hex').slice(0, 32);
}

const DAY_MS = 24 * 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The credential's Call Guard for one node run: calling hours in the recipient's time zone
 * (refuse or defer), cooldown per number and a 24-hour cap, the last two counted in the
 * provider's call history (read once per run) plus this process's own recent calls.
 */
export class CallGuard {
	private records?: CallRecord[];
	private readonly perNumber = new Map<string, CallRecord[]>();
	/** Numbers planned in this run and not yet claimed, by item index or row. */
	private readonly planned = new Map<number, string>();

	constructor(
		readonly rules: GuardRules,
		private readonly history: CallHistory,
		private readonly account: string,
		private readonly now: () => number = Date.now,
	) {}

	get active(): boolean {
		return guardIsActive(this.rules);
	}

	private get lookbackMs(): number {
		return Math.max(this.rules.cooldownMinutes * 60_000, this.rules.dailyCap > 0 ? DAY_MS : 0);
	}

	/** Reads the history the rules need for these numbers (once per run; per number when the cap is off). */
	async prepare(phones: string[]): Promise<void> {
		if (this.rules.cooldownMinutes === 0 && this.rules.dailyCap === 0) return;
		const since = this.now() - this.lookbackMs;
		if (this.rules.dailyCap > 0 || !this.history.byNumber || phones.length > 20) {
			this.records ??= await this.history.callsSince(since);
			return;
		}
		for (const phone of new Set(phones)) {
			if (this.records || this.perNumber.has(phone)) continue;
			this.perNumber.set(phone, await this.history.callsSince(since, [phone]));
		}
	}

	private historyFor(phone: string): CallRecord[] {
		return (this.records ?? this.perNumber.get(phone) ?? []).filter((r) => r.to === phone);
	}

	/**
	 * Decides for one call: refuses (returns a GuardRefusal), lets it start at `startAt`, or moves it to the
	 * next opening of the calling hours. `slot` identifies the item or row in this run.
	 */
	decide(phone: string, startAt: number, slot: number, options: { window?: boolean } = {}): GuardDecision | GuardRefusal {
		const now = this.now();
		const zones = zonesOf(phone);
		const claims = claimsOf(this.account, now, this.lookbackMs);
		const earlier = [...this.planned.entries()].filter(([s]) => s < slot).map(([, p]) => p);

		if (this.rules.cooldownMinutes > 0) {
			const cooldownMs = this.rules.cooldownMinutes * 60_000;
			const times = [
				...this.historyFor(phone).map((r) => r.at),
				...claims.filter((c) => c.phones.includes(phone)).map((c) => c.at),
			].filter((at) => now - at < cooldownMs);
			if (earlier.includes(phone)) times.push(now);
			if (times.length) {
				const last = Math.max(...times);
				return new GuardRefusal(
					'cooldown',
					`${phone} was called ${earlier.includes(phone) && last === now ? 'earlier in this run' : `at ${iso(last)}`}; the credential's cooldown of ${this.rules.cooldownMinutes} minutes allows the next call after ${iso(last + cooldownMs)}`,
				);
			}
		}

		if (this.rules.dailyCap > 0) {
			const used = this.countSince(now - DAY_MS, claims) + earlier.length;
			if (used >= this.rules.dailyCap) {
				return new GuardRefusal(
					'dailyCap',
					`the credential's daily call cap of ${this.rules.dailyCap} calls in 24 hours is reached (${used} placed since ${iso(now - DAY_MS)})`,
				);
			}
		}

		const window = options.window === false ? undefined : this.rules.window;
		let note: GuardNote = { reason: 'no calling hours set', deferredTo: null, zones };
		let deferredTo: number | undefined;
		if (window) {
			const hours = describeWindow(window);
			if (zones.length === 0) {
				return new GuardRefusal(
					'callingHours',
					`the time zone of ${phone} is not known, so the credential's calling hours (${hours}) cannot be checked`,
				);
			}
			const outside = zonesOutside(window, zones, startAt);
			if (outside.length === 0) {
				note = { reason: `inside the calling hours (${hours}) in ${zones.join(', ')}`, deferredTo: null, zones };
			} else {
				const where = outside.map((z) => `${z}, ${localTime(z, startAt)}`).join('; ');
				if (this.rules.outside === 'refuse') {
					return new GuardRefusal(
						'callingHours',
						`${phone} would be called outside the credential's calling hours (${hours}) in the recipient's time zone (${where})`,
					);
				}
				deferredTo = nextOpening(window, zones, startAt);
				if (deferredTo === undefined) {
					return new GuardRefusal(
						'callingHours',
						`${phone} may ring in time zones with no common calling hours (${hours}) in the next 8 days (${zones.join(', ')})`,
					);
				}
				note = {
					reason: `outside the calling hours (${hours}) in ${where}: scheduled for the next opening`,
					deferredTo: iso(deferredTo),
					zones,
				};
			}
		} else if (this.rules.cooldownMinutes > 0 || this.rules.dailyCap > 0 || this.rules.window) {
			note = { reason: 'within the cooldown and daily cap', deferredTo: null, zones };
		}
		this.planned.set(slot, phone);
		return { phone, note, deferredTo };
	}

	/** Calls counted against the cap since `since`: the history plus this process's calls it does not list yet. */
	private countSince(since: number, claims: Claim[]): number {
		const records = (this.records ?? []).filter((r) => r.at >= since);
		const listed = new Map<string, number>();
		for (const r of records) {
			for (const key of [r.id, r.batchId]) if (key) listed.set(key, (listed.get(key) ?? 0) + 1);
		}
		const unlisted = claims
			.filter((c) => c.at >= since)
			.reduce((sum, c) => sum + Math.max(0, c.phones.length - (c.key ? (listed.get(c.key) ?? 0) : 0)), 0);
		return records.length + unlisted;
	}

	/**
	 * Takes the numbers for this process right before the request is sent, so another execution
	 * here sees them at once. Returns the claim to confirm (with the call or batch ID) or release
	 * (when the provider answered that nothing was placed).
	 */
	claim(phones: string[], slots: number[]): Claim | GuardRefusal | undefined {
		for (const slot of slots) this.planned.delete(slot);
		if (!this.active || phones.length === 0) return undefined;
		const claim: Claim = { phones, at: this.now() };
		const list = claimsOf(this.account, claim.at, this.lookbackMs);
		// Checked again in the same synchronous step that takes the numbers: another execution in
		// this process may have taken one since this run decided.
		const conflict = this.claimConflict(phones, list, claim.at);
		if (conflict) return conflict;
		list.push(claim);
		if (list.length > MAX_CLAIMS) list.splice(0, list.length - MAX_CLAIMS);
		claimsByAccount.set(this.account, list);
		return claim;
	}

	private claimConflict(phones: string[], claims: Claim[], now: number): GuardRefusal | undefined {
		if (this.rules.cooldownMinutes > 0) {
			const cooldownMs = this.rules.cooldownMinutes * 60_000;
			const wanted = new Set(phones);
			const taken = claims.find((c) => now - c.at < cooldownMs && c.phones.some((p) => wanted.has(p)));
			if (taken) {
				const phone = taken.phones.find((p) => wanted.has(p))!;
				return new GuardRefusal(
					'cooldown',
					`${phone} was called at ${iso(taken.at)} by another execution; the credential's cooldown of ${this.rules.cooldownMinutes} minutes allows the next call after ${iso(taken.at + cooldownMs)}`,
				);
			}
		}
		if (this.rules.dailyCap > 0) {
			const used = this.countSince(now - DAY_MS, claims);
			if (used + phones.length > this.rules.dailyCap) {
				return new GuardRefusal(
					'dailyCap',
					`the credential's daily call cap of ${this.rules.dailyCap} calls in 24 hours would be passed (${used} placed since ${iso(now - DAY_MS)}, ${phones.length} more asked)`,
				);
			}
		}
		return undefined;
	}

	static confirm(claim: Claim | undefined, key: unknown): void {
		if (claim && typeof key === 'string' && key !== '') claim.key = key;
	}

	release(claim: Claim | undefined): void {
		if (!claim) return;
		const list = claimsByAccount.get(this.account);
		const at = list?.indexOf(claim) ?? -1;
		if (list && at >= 0) list.splice(at, 1);
	}
}

/** The refusal as a node error naming the field and the rule; nothing was sent. */
export function guardError(node: INode, refusal: GuardRefusal, field: string, itemIndex: number): NodeOperationError {
	const rule = { callingHours: 'Calling Hours', cooldown: 'Cooldown (Minutes)', dailyCap: 'Daily Call Cap' }[refusal.rule];
	return new NodeOperationError(node, `"${field}": ${refusal.message}`, {
		itemIndex,
		description: `No request was sent. The credential's Call Guard ("${rule}") refused this call.`,
	});
}

/** Whether an error from the provider says nothing was placed (a 4xx other than a timeout). */
export function notPlaced(error: unknown): boolean {
	const code = String((error as { httpCode?: unknown }).httpCode ?? '');
	return /^4\d\d$/.test(code) && code !== '408';
}

/** Clears this process's claims (tests). */
export function forgetClaims(): void {
	claimsByAccount.clear();
}
