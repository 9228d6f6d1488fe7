import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallingWindow } from './window';

/** The Call Guard settings of a credential, checked. */
export interface GuardRules {
	window?: CallingWindow;
	/** What happens outside the window. */
	outside: 'refuse' | 'defer';
	/** 0: off. */
	cooldownMinutes: number;
	/** 0: off. Calls and batch rows in any 24 hours. */
	dailyCap: number;
}

const DAYS: Record<string, number[]> = {
	everyDay: [1, 2, 3, 4, 5, 6, 7],
	mondayToFriday: [1, 2, 3, 4, 5],
	mondayToSaturday: [1, 2, 3, 4, 5, 6],
	sundayToThursday: [1, 2, 3, 4, 7],
};

function badSetting(node: INode, field: string, message: string): NodeOperationError {
	return new NodeOperationError(node, `The credential's "${field}" ${message}`, {
		description: 'No request was sent. Fix the Call Guard settings in the credential.',
	});
}

function readMinutes(node: INode, text: string): number | undefined {
	const match = /^(\d{1,2}):([0-5]\d)$/.exec(text.trim());
	if (!match) return undefined;
	const minutes = Number(match[1]) * 60 + Number(match[2]);
	return minutes <= 24 * 60 ? minutes : undefined;
}

function readCount(node: INode, value: unknown, field: string, unit: string): number {
	if (value === undefined || value === null || value === '') return 0;
	const n = typeof value === 'number' ? value : Number(String(value).trim());
	if (!Number.isFinite(n) || n < 0 || !Number.isInteger(n)) {
		throw badSetting(node, field, `must be a whole number of ${unit}, 0 or more (got ${JSON.stringify(value)})`);
	}
	return n;
}

/**
 * Reads and checks the credential's Call Guard settings at run time (a credential can be saved
 * with anything; an expression can put anything in it). Errors name the credential field.
 */
export function readGuardRules(node: INode, credentials: ICredentialDataDecryptedObject): GuardRules {
	const hours = typeof credentials.callingHours === 'string' ? credentials.callingHours.trim() : '';
	let window: CallingWindow | undefined;
	if (hours !== '') {
		const [from, to, ...rest] = hours.split(/\s*[-–]\s*/);
		const start = from === undefined ? undefined : readMinutes(node, from);
		const end = to === undefined ? undefined : readMinutes(node, to);
		if (rest.length || start === undefined || end === undefined) {
			throw badSetting(node, 'Calling Hours (Recipient’s Local Time)', `must look like 09:00-20:00 (got ${JSON.stringify(hours)})`);
		}
		if (end <= start) {
			throw badSetting(
				node,
				'Calling Hours (Recipient’s Local Time)',
				`must end after it starts, within one day (got ${JSON.stringify(hours)})`,
			);
		}
		const daysKey = String(credentials.callingDays ?? 'everyDay');
		const days = DAYS[daysKey];
		if (!days) throw badSetting(node, 'Calling Days', `is not one of its options (got ${JSON.stringify(daysKey)})`);
		window = { days, start, end };
	}
	const outside = credentials.outsideCallingHours ?? 'refuse';
	if (outside !== 'refuse' && outside !== 'defer') {
		throw badSetting(node, 'Outside Calling Hours', `is not one of its options (got ${JSON.stringify(outside)})`);
	}
	const cooldownMinutes = readCount(node, credentials.cooldownMinutes, 'Cooldown (Minutes)', 'minutes');
	if (cooldownMinutes > 365 * 24 * 60) {
		throw badSetting(node, 'Cooldown (Minutes)', `must be at most 525600 (one year) (got ${cooldownMinutes})`);
	}
	return {
		window,
		outside,
		cooldownMinutes,
		dailyCap: readCount(node, credentials.dailyCallCap, 'Daily Call Cap', 'calls'),
	};
}

/** Whether any rule needs the guard at the moment of dialling (the do-not-call list is checked with the allow-list). */
export function guardIsActive(rules: GuardRules): boolean {
	return rules.window !== undefined || rules.cooldownMinutes > 0 || rules.dailyCap > 0;
}
