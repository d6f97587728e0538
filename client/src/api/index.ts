export { api } from '@gonghui/shared';
export { call, ApiError, isApiError, newIdempotencyKey, NETWORK_ERROR_MESSAGE, API_BASE } from './request';
export { downloadExport } from './download';
