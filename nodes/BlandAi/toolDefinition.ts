import { JSONPath } from 'jsonpath-plus';
import type { IDataObject } from 'n8n-workflow';

import type { Problem, ToolDefinition } from './types';

/** Words Bland reserves for its built-in tools; a custom tool name may not contain them. */
export const RESERVED_TOOL_WORDS = [
	'input',
	'speak',
	'transfer',
	'switch',
	'wait',
	'finish',
	'press',
	'button',
	'say',
	'pause',
	'record',
	'play',
	'dial',
	'hang',
] as const;

export const TOOL_METHODS = ['GET', 'POST'] as const;

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The words of a tool name: split on spaces, `_`, `-`, digits and camelCase humps, lower-cased.
 * `BookAppointment` → book, appointment; `press_button` → press, button.
 */
export function nameWords(name: string): string[] {
	return name
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.split(/[^A-Za-z]+/)
		.filter(Boolean)
		.map((w) => w.toLowerCase());
}

/** The reserved words a tool name uses (empty when the name is allowed). */
export function reservedWordsIn(name: string): string[] {
	const words = new Set(nameWords(name));
	return RESERVED_TOOL_WORDS.filter((w) => words.has(w));
}

/** Brackets, parentheses and quotes must balance; jsonpath-plus silently accepts `$.a[`. */
function unbalanced(path: string): string | undefined {
	const stack: string[] = [];
	let quote: string | undefined;
	for (let i = 0; i < path.length; i++) {
		const c = path[i];
		if (quote) {
			if (c === '\\') i++;
			else if (c === quote) quote = undefined;
			continue;
		}
		if (c === "'" || c === '"') quote = c;
		else if (c === '[' || c === '(') stack.push(c);
		else if (c === ']' || c === ')') {
			const open = stack.pop();
			if ((c === ']' && open !== '[') || (c === ')' && open !== '(')) return `unexpected "${c}" at character ${i + 1}`;
		}
	}
	if (quote) return `unterminated ${quote} quote`;
	if (stack.length) return `unclosed "${stack[stack.length - 1]}"`;
	return undefined;
}

/**
 * Compiles a filter (`?(…)`) or script (`(…)`) segment the way jsonpath-plus does, through its public
 * API: the segment is applied to a one-element document with the safe evaluator. A syntax error is
 * thrown while compiling; `ignoreEvalErrors` keeps errors that depend on the data (a property of
 * undefined, say) from counting, since the real response decides those.
 */
function compileError(segment: string): string | undefined {
	try {
		JSONPath({ path: `$[${segment}]`, json: [{}], eval: 'safe', ignoreEvalErrors: true, wrap: true });
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}

/**
 * Why a JSONPath cannot be used as a response mapping, or undefined when jsonpath-plus parses it.
 * Filter (`?()`) and script (`()`) expressions are compiled the way jsonpath-plus compiles them.
 */
export function jsonPathError(path: unknown): string | undefined {
	if (typeof path !== 'string' || path.trim() === '') return 'is empty';
	const p = path.trim();
	if (!p.startsWith('$')) return `must start with "$" (got "${p}")`;
	const balance = unbalanced(p);
	if (balance) return `is not a valid JSONPath: ${balance}`;
	let segments: string[];
	try {
		segments = JSONPath.toPathArray(p);
	} catch (error) {
		return `is not a valid JSONPath: ${(error as Error).message}`;
	}
	for (const segment of segments) {
		if (!/^\??\(.*\)$/s.test(segment)) continue;
		const error = compileError(segment);
		if (error) return `is not a valid JSONPath: ${error} in "${segment.replace(/^\?/, '')}"`;
	}
	return undefined;
}

/**
 * Checks a custom tool definition before it is sent (or tested). With `partial`, absent fields
 * are not required (an update sends only what changes). Each problem names the field.
 */
export function validateToolDefinition(def: ToolDefinition, options: { partial?: boolean } = {}): Problem[] {
	const problems: Problem[] = [];
	const required = (field: 'name' | 'description' | 'url') =>
		!options.partial && (typeof def[field] !== 'string' || def[field]!.trim() === '');

	if (required('name')) problems.push({ at: 'name', code: 'name-required', message: 'is required' });
	if (typeof def.name === 'string' && def.name.trim() !== '') {
		const reserved = reservedWordsIn(def.name);
		if (reserved.length) {
			problems.push({
				at: 'name',
				code: 'name-reserved',
				message: `"${def.name}" uses Bland's reserved word${reserved.length > 1 ? 's' : ''} ${reserved.map((w) => `"${w}"`).join(', ')} (reserved: ${RESERVED_TOOL_WORDS.join(', ')})`,
			});
		}
	}
	if (required('description')) problems.push({ at: 'description', code: 'description-required', message: 'is required' });

	if (required('url')) {
		problems.push({ at: 'url', code: 'url-required', message: 'is required' });
	} else if (def.url !== undefined) {
		const url = String(def.url).trim();
		let parsed: URL | undefined;
		try {
			parsed = new URL(url);
		} catch {
			problems.push({ at: 'url', code: 'url-invalid', message: `is not a valid URL (got "${maskUrl(url)}")` });
		}
		if (parsed && parsed.protocol !== 'https:') {
			problems.push({ at: 'url', code: 'url-not-https', message: `must start with https:// (Bland refuses other URLs; got "${maskUrl(url)}")` });
		}
	}

	if (def.method !== undefined && !TOOL_METHODS.includes(String(def.method).toUpperCase() as 'GET')) {
		problems.push({ at: 'method', code: 'method-invalid', message: `must be GET or POST (got "${String(def.method)}")` });
	}
	for (const field of ['headers', 'query'] as const) {
		if (def[field] !== undefined && !isObject(def[field])) {
			problems.push({ at: field, code: `${field}-not-object`, message: 'must be a JSON object' });
		}
	}
	if (def.body !== undefined && !isObject(def.body) && typeof def.body !== 'string') {
		problems.push({ at: 'body', code: 'body-invalid', message: 'must be a JSON object or a "{{input}}" template string' });
	}
	if (def.input_schema !== undefined && !isObject(def.input_schema)) {
		problems.push({ at: 'input_schema', code: 'input-schema-not-object', message: 'must be a JSON object' });
	}
	if (def.response !== undefined) {
		if (!isObject(def.response)) {
			problems.push({ at: 'response', code: 'response-not-object', message: 'must map variable names to JSONPaths' });
		} else {
			for (const [name, path] of Object.entries(def.response)) {
				if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
					problems.push({
						at: `response.${name}`,
						code: 'response-bad-name',
						message: 'variable names may use letters, digits and _ and must not start with a digit',
					});
				}
				const error = jsonPathError(path);
				if (error) problems.push({ at: `response.${name}`, code: 'response-bad-path', message: error });
			}
		}
	}
	if (def.timeout !== undefined) {
		const t = Number(def.timeout);
		if (!Number.isFinite(t) || t <= 0) {
			problems.push({ at: 'timeout', code: 'timeout-invalid', message: 'must be a positive number of milliseconds' });
		}
	}
	return problems;
}

// ---------------------------------------------------------------------------------------------
// Secrets in a tool definition or request, hidden wherever one is output.

export const MASK = '***';

/**
 * Headers whose values are shown: they only describe formats and the client, never credentials.
 * Every other header value is masked, whatever its name (X-Api-Key, X-Signature, Cookie, …).
 */
const VISIBLE_HEADERS = new Set(['accept', 'accept-encoding', 'accept-language', 'content-type', 'user-agent']);

/** Query parameters whose values are masked. */
const SECRET_QUERY_KEY = /key|token|secret|sig|auth|pass/i;

function maskHeaders(headers: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(headers)) out[key] = VISIBLE_HEADERS.has(key.toLowerCase()) ? value : MASK;
	return out;
}

function maskQuery(query: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(query)) out[key] = SECRET_QUERY_KEY.test(key) ? MASK : value;
	return out;
}

/**
 * A URL (or URL template) with the password of `user:pass@` and the values of secret-looking
 * query parameters masked. Works on text, so `{{placeholders}}` are kept as they are.
 */
export function maskUrl(url: string): string {
	const withoutPassword = url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^/?#@]*@/i, `$1:${MASK}@`);
	const queryStart = withoutPassword.indexOf('?');
	if (queryStart < 0) return withoutPassword;
	const hashStart = withoutPassword.indexOf('#', queryStart);
	const end = hashStart < 0 ? withoutPassword.length : hashStart;
	const query = withoutPassword
		.slice(queryStart + 1, end)
		.split('&')
		.map((pair) => {
			const eq = pair.indexOf('=');
			if (eq < 0) return pair;
			let key = pair.slice(0, eq);
			try {
				key = decodeURIComponent(key);
			} catch {
				// keep the raw key
			}
			return SECRET_QUERY_KEY.test(key) ? `${pair.slice(0, eq)}=${MASK}` : pair;
		})
		.join('&');
	return `${withoutPassword.slice(0, queryStart)}?${query}${withoutPassword.slice(end)}`;
}

/** The URL without its query string and fragment, for error messages. */
export function urlWithoutQuery(url: string): string {
	return url.split(/[?#]/)[0];
}

/**
 * A copy of a tool definition or tool request with secrets masked: every header value but the
 * harmless ones, secret-looking query values, and the same in the URL. Used by Get, Get Many and
 * Test, so a stored `Authorization` header never reaches an output item.
 */
export function maskToolSecrets<T extends IDataObject>(tool: T): T {
	const out: IDataObject = { ...tool };
	if (isObject(tool.headers)) out.headers = maskHeaders(tool.headers);
	if (isObject(tool.query)) out.query = maskQuery(tool.query);
	if (typeof tool.url === 'string') out.url = maskUrl(tool.url);
	return out as T;
}

// ---------------------------------------------------------------------------------------------
// Substitution as Bland performs it when the agent uses the tool.

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{\s*([^{}]+?)\s*\}\}$/;

function lookup(context: IDataObject, path: string): { found: boolean; value?: unknown } {
	let current: unknown = context;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, key)) {
			return { found: false };
		}
		current = (current as IDataObject)[key];
	}
	return { found: true, value: current };
}

const asText = (value: unknown) =>
	value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/**
 * Replaces `{{input}}`, `{{input.a.b}}` and `{{var}}` in a template. A string that is exactly one
 * placeholder becomes the value itself (so `"body": "{{input}}"` sends the input object); inside
 * longer text, objects are inserted as JSON. Unknown placeholders are left as they are and listed
 * in `unresolved`.
 */
export function substitute(template: unknown, context: IDataObject, unresolved: Set<string> = new Set()): unknown {
	if (typeof template === 'string') {
		const whole = WHOLE_PLACEHOLDER.exec(template);
		if (whole) {
			const hit = lookup(context, whole[1]);
			if (hit.found) return hit.value;
			unresolved.add(whole[1]);
			return template;
		}
		return template.replace(PLACEHOLDER, (match, path: string) => {
			const hit = lookup(context, path);
			if (!hit.found) {
				unresolved.add(path);
				return match;
			}
			return asText(hit.value);
		});
	}
	if (Array.isArray(template)) return template.map((v) => substitute(v, context, unresolved));
	if (isObject(template)) {
		const out: IDataObject = {};
		for (const [key, value] of Object.entries(template)) {
			out[key] = substitute(value, context, unresolved) as IDataObject[string];
		}
		return out;
	}
	return template;
}

export interface ToolRequest extends IDataObject {
	method: string;
	url: string;
	headers: IDataObject;
	body?: IDataObject | string;
	query: IDataObject;
}

/**
 * The HTTP request Bland would send for a tool given the agent's input and the call's variables.
 * GET requests carry no body. Header and query values are sent as text.
 */
export function buildToolRequest(
	def: ToolDefinition,
	input: IDataObject,
	variables: IDataObject,
): { request: ToolRequest; unresolved: string[] } {
	const context: IDataObject = { ...variables, input };
	const unresolved = new Set<string>();
	const method = String(def.method ?? 'GET').toUpperCase();
	const url = asText(substitute(String(def.url ?? ''), context, unresolved)).trim();
	const stringValues = (value: unknown): IDataObject => {
		const out: IDataObject = {};
		if (!isObject(value)) return out;
		for (const [key, v] of Object.entries(substitute(value, context, unresolved) as IDataObject)) {
			out[key] = asText(v);
		}
		return out;
	};
	const headers = stringValues(def.headers);
	const query = stringValues(def.query);
	let body: IDataObject | string | undefined;
	if (method !== 'GET' && def.body !== undefined) {
		const value = substitute(def.body, context, unresolved);
		body = isObject(value) ? value : asText(value);
	}
	return { request: { method, url, headers, query, ...(body !== undefined ? { body } : {}) }, unresolved: [...unresolved] };
}

/**
 * Applies response mappings (variable → JSONPath) to a response body with jsonpath-plus.
 * One match gives the value, several give an array, none gives null.
 */
export function extractResponse(mappings: IDataObject | undefined, body: unknown): IDataObject {
	const out: IDataObject = {};
	if (!isObject(mappings)) return out;
	const json = typeof body === 'object' && body !== null ? body : typeof body === 'string' ? body : null;
	for (const [name, path] of Object.entries(mappings)) {
		let matches: unknown[] = [];
		if (json !== null && typeof path === 'string') {
			matches = JSONPath({ path: path.trim(), json: json as object, wrap: true, eval: 'safe' }) as unknown[];
		}
		out[name] = (matches.length === 0 ? null : matches.length === 1 ? matches[0] : matches) as IDataObject[string];
	}
	return out;
}

/** A tool definition out of the shapes Bland returns (`{tool: {tool_id, tool: {...}}}` or the definition). */
export function toolFromResponse(body: IDataObject): ToolDefinition {
	let current: unknown = body;
	for (let depth = 0; depth < 3 && isObject(current); depth++) {
		const inner = (current as IDataObject).tool ?? (current as IDataObject).data;
		if (isObject(current) && typeof (current as IDataObject).url === 'string') break;
		if (!isObject(inner)) break;
		current = inner;
	}
	return (isObject(current) ? current : {}) as ToolDefinition;
}
