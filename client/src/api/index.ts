// The contract's route table without schemas: zod stays out of the first load (see shared/src/api/routes.ts).
export { routes as api } from '@gonghui/shared/api/routes';
export { call, ApiError, isApiError, newIdempotencyKey, NETWORK_ERROR_MESSAGE, API_BASE } from './request';
export { callPatiently } from './patient';
export { downloadExport, fetchBinary, saveHref } from './download';
export { uploadFile, type PickedFile } from './upload';
