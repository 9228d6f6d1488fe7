'use strict';
/**
 * How a simulated call ends, chosen by the last four digits of the number dialled, and the
 * deterministic values (duration, cost, extracted data) derived from that number.
 *
 * | last digits | Bolna                                | Bland AI                                   |
 * |-------------|--------------------------------------|--------------------------------------------|
 * | 1111        | busy                                 | status busy                                |
 * | 2222        | no-answer                            | status no-answer, answered_by no-answer    |
 * | 3333        | failed                               | status failed, queue_status error          |
 * | 4444        | balance-low (never placed)           | POST /v1/calls refused with 402            |
 * | 5555        | completed, answered_by_voice_mail    | completed, answered_by voicemail           |
 * | 9999        | stays in-progress (never ends)       | stays started until POST .../stop          |
 * | anything    | completed                            | completed                                  |
 */

/** @typedef {'completed' | 'busy' | 'no-answer' | 'failed' | 'balance-low' | 'voicemail' | 'hang'} Outcome */

/** @type {Record<string, Outcome>} */
const SUFFIX_OUTCOMES = {
	1111: 'busy',
	2222: 'no-answer',
	3333: 'failed',
	4444: 'balance-low',
	5555: 'voicemail',
	9999: 'hang',
};

/**
 * @param {string} phoneNumber
 * @returns {Outcome}
 */
function outcomeFor(phoneNumber) {
	const digits = String(phoneNumber || '').replace(/\D/g, '');
	return SUFFIX_OUTCOMES[digits.slice(-4)] || 'completed';
}

/**
 * The last four digits as a number (0 when the number has fewer digits).
 * @param {string} phoneNumber
 */
function numberSeed(phoneNumber) {
	const digits = String(phoneNumber || '').replace(/\D/g, '');
	return Number(digits.slice(-4)) || 0;
}

/**
 * Talk time in seconds for an answered call: 30 + (last four digits mod 90).
 * @param {string} phoneNumber
 */
function durationSeconds(phoneNumber) {
	return 30 + (numberSeed(phoneNumber) % 90);
}

/**
 * Whether the simulated person is interested: true when the number's last digit is even.
 * @param {string} phoneNumber
 */
function isInterested(phoneNumber) {
	return numberSeed(phoneNumber) % 2 === 0;
}

/**
 * A callback time the next day at 09:00 + (last four digits mod 8) hours, UTC, written with a
 * numeric offset.
 * @param {string} phoneNumber
 * @param {number} createdMs
 */
function callbackTime(phoneNumber, createdMs) {
	const day = new Date(createdMs + 24 * 3600 * 1000);
	day.setUTCHours(9 + (numberSeed(phoneNumber) % 8), 0, 0, 0);
	return day.toISOString().replace('.000Z', '+00:00');
}

/**
 * Bolna `extracted_data` for a completed call: `user_interested`, `callback_time`, and
 * `customer_name` when `user_data` carries `customer_name` or `name`.
 * @param {string} phoneNumber
 * @param {Record<string, any> | null | undefined} userData
 * @param {number} createdMs
 */
function bolnaExtractedData(phoneNumber, userData, createdMs) {
	/** @type {Record<string, any>} */
	const data = {
		user_interested: isInterested(phoneNumber),
		callback_time: callbackTime(phoneNumber, createdMs),
	};
	const name = userData && (userData.customer_name ?? userData.name);
	if (typeof name === 'string' && name !== '') data.customer_name = name;
	return data;
}

/**
 * A value for one `analysis_schema` field, chosen from its declared type or description:
 * boolean-ish → interest flag, number-ish → last digit, date/time-ish → callback time,
 * anything else → a short string naming the field.
 * @param {string} key
 * @param {unknown} spec
 * @param {string} phoneNumber
 * @param {number} createdMs
 */
function analysisValue(key, spec, phoneNumber, createdMs) {
	const hint = `${key} ${typeof spec === 'string' ? spec : JSON.stringify(spec ?? '')}`.toLowerCase();
	if (/bool|true|false|^(is|has|was|did|wants)_/.test(hint)) return isInterested(phoneNumber);
	if (/number|integer|int\b|count|score|age/.test(hint)) return numberSeed(phoneNumber) % 10;
	if (/date|time/.test(hint)) return callbackTime(phoneNumber, createdMs);
	return `Simulated ${key}`;
}

/**
 * Bland `analysis` for a completed call (null without an `analysis_schema`).
 * @param {Record<string, any> | null | undefined} schema
 * @param {string} phoneNumber
 * @param {number} createdMs
 */
function blandAnalysis(schema, phoneNumber, createdMs) {
	if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return null;
	/** @type {Record<string, any>} */
	const analysis = {};
	for (const [key, spec] of Object.entries(schema)) analysis[key] = analysisValue(key, spec, phoneNumber, createdMs);
	return analysis;
}

module.exports = {
	SUFFIX_OUTCOMES,
	outcomeFor,
	numberSeed,
	durationSeconds,
	isInterested,
	callbackTime,
	bolnaExtractedData,
	blandAnalysis,
	analysisValue,
};
