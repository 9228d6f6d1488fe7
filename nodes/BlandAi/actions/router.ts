import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route } from '../../shared/router';
import type { OperationMap } from '../../shared/types';
import * as batch from './batch';
import * as call from './call';
import * as customTool from './customTool';
import * as pathway from './pathway';

export const operations: OperationMap = {
	call: {
		make: call.make,
		get: call.get,
		getMany: call.getMany,
		getRecording: call.getRecording,
		stop: call.stop,
		analyze: call.analyze,
	},
	batch: { create: batch.create, get: batch.get, getMany: batch.getMany, stop: batch.stop },
	pathway: {
		create: pathway.create,
		get: pathway.get,
		getMany: pathway.getMany,
		update: pathway.update,
		deletePathway: pathway.deletePathway,
		createVersion: pathway.createVersion,
		getVersion: pathway.getVersion,
		publish: pathway.publish,
	},
	customTool: {
		create: customTool.create,
		get: customTool.get,
		getMany: customTool.getMany,
		update: customTool.update,
		deleteTool: customTool.deleteTool,
		test: customTool.test,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route.call(this, operations);
}
