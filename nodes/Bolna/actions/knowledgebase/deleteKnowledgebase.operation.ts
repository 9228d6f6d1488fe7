import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireResourceId } from '../../../shared/validation/params';
import { knowledgebaseLocator } from '../../descriptions/fields';
import { bolnaRequest } from '../../transport';

export const description = forOperation('knowledgebase', 'deleteKnowledgebase', [knowledgebaseLocator]);

/** `DELETE /knowledgebase/{rag_id}` → `{message: "success", state: "deleted"}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ragId = requireResourceId.call(this, 'ragId', itemIndex, 'Knowledgebase');
	const response = await bolnaRequest.call(this, { method: 'DELETE', path: `/knowledgebase/${pathSegment(ragId)}`, itemIndex });
	return { ragId, deleted: true, state: response.state ?? null };
}
