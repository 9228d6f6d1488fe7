import type { IDataObject } from 'n8n-workflow';

/** `POST /call` and `POST /call/{id}/stop`. */
export interface BolnaCallStatus extends IDataObject {
	message?: string;
	status?: string;
	execution_id?: string;
}

/** `POST /batches`: the batch id is 32 hex characters. */
export interface BolnaBatchCreated extends IDataObject {
	batch_id?: string;
	state?: string;
}

/** `POST /batches/{id}/schedule`, `/stop`, `DELETE /batches/{id}`. */
export interface BolnaBatchState extends IDataObject {
	message?: string;
	state?: string;
}

/** `GET /batches/{id}` and the entries of `GET /batches/{agent_id}/all`. */
export interface BolnaBatch extends IDataObject {
	batch_id?: string;
	status?: string;
	created_at?: string;
	updated_at?: string;
	scheduled_at?: string;
	humanized_created_at?: string;
	file_name?: string;
	from_phone_numbers?: string[];
	valid_contacts?: number;
	total_contacts?: number;
	execution_status?: IDataObject;
}

/** `GET /v2/agent/{agent_id}/executions`: the paged envelope (max page size 50). */
export interface BolnaExecutionPage extends IDataObject {
	page_number?: number;
	page_size?: number;
	total?: number;
	has_more?: boolean;
	data?: IDataObject[];
}

/** One entry of `agent_config.tasks[].tools_config.api_tools.tools`: an OpenAI function spec plus Bolna keys. */
export interface BolnaToolSpec extends IDataObject {
	name: string;
	description: string;
	parameters: IDataObject;
	key?: string;
	pre_call_message?: string;
}

/** `api_tools.tools_params[<tool name>]`: how Bolna performs the tool's HTTP request. */
export interface BolnaToolParams extends IDataObject {
	method: 'GET' | 'POST';
	url: string;
	/** Stringified JSON template with `%(field)s` placeholders. */
	param: string;
	/** Sent verbatim as the Authorization header of the tool request. */
	api_token: string | null;
	headers: IDataObject;
}

/**
 * `tools_config.api_tools`. `tools` is an array, or the same array as a JSON string (older
 * agents and the API reference use the string form).
 */
export interface BolnaApiTools extends IDataObject {
	tools?: BolnaToolSpec[] | string;
	tools_params?: Record<string, BolnaToolParams | IDataObject>;
}

/** An agent as `GET /v2/agent/{id}` returns it: `tasks` may sit at the top or under `agent_config`. */
export interface BolnaAgent extends IDataObject {
	id?: string;
	agent_name?: string;
	agent_status?: string;
	agent_welcome_message?: string;
	webhook_url?: string | null;
	tasks?: IDataObject[];
	agent_config?: IDataObject;
	agent_prompts?: IDataObject;
}
