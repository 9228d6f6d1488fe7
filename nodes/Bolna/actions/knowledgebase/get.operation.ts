import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireResourceId } from '../../../shared/validation/params';
import { knowledgebaseLocator } from '../../descriptions/fields';
import { bolnaRequest } from '../../transport';

export const description = forOperation('knowledgebase', 'get', [knowledgebaseLocator]);

/** `GET /knowledgebase/{rag_id}`: its status (`processing` / `processed`) and settings. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ragId = requireResourceId.call(this, 'ragId', itemIndex, 'Knowledgebase');
	return await bolnaRequest.call(this, { method: 'GET', path: `/knowledgebase/${pathSegment(ragId)}`, itemIndex });
}
