import { ZONE_LISTS, ZONE_PREFIXES } from './zoneData';

let byPrefix: Map<string, number> | undefined;

function table(): Map<string, number> {
	if (!byPrefix) {
		byPrefix = new Map();
		for (const pair of ZONE_PREFIXES.split(',')) {
			const colon = pair.indexOf(':');
			byPrefix.set(pair.slice(0, colon), Number(pair.slice(colon + 1)));
		}
	}
	return byPrefix;
}

/**
 * The IANA time zones a number may ring in, from libphonenumber's map (the longest listed prefix
 * of its digits): one zone for most numbers, several where a prefix spans zones (a US area code
 * across two states, a Russian mobile range). Empty when the number is not in the map.
 */
export function zonesOf(phone: string): string[] {
	const digits = phone.replace(/^\+/, '');
	const map = table();
	for (let length = digits.length; length > 0; length--) {
		const index = map.get(digits.slice(0, length));
		if (index !== undefined) return ZONE_LISTS[index].split('&');
	}
	return [];
}
