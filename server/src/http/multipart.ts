/*
 * multipart/form-data with one file (busboy): the file is read into memory up to its limit, the
 * rest of an oversized file is drained and dropped, so the client still hears the 413.
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { AppError, type UploadSpec } from '@gonghui/shared';

export interface UploadedFile {
  /** The name the client gave (not trusted for anything but display). */
  fileName: string;
  bytes: Buffer;
}

export interface MultipartForm {
  fields: Record<string, string>;
  file: UploadedFile | null;
}

export function readMultipart(req: IncomingMessage, spec: UploadSpec): Promise<MultipartForm> {
  const type = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(type)) return Promise.reject(new AppError('UNSUPPORTED_MEDIA_TYPE'));
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { files: 1, fields: 10, fieldSize: 1024, fileSize: spec.maxBytes, parts: 12 }, defParamCharset: 'utf8' });
    } catch {
      reject(new AppError('UNSUPPORTED_MEDIA_TYPE'));
      return;
    }
    const fields: Record<string, string> = {};
    let file: UploadedFile | null = null;
    let failure: AppError | null = null;
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) failure ??= new AppError('PAYLOAD_TOO_LARGE');
      fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      if (name !== spec.field) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        failure ??= new AppError('UPLOAD_TOO_LARGE');
        chunks.length = 0;
      });
      stream.on('end', () => {
        if (!failure) file = { fileName: (info.filename || 'file').slice(0, 200), bytes: Buffer.concat(chunks) };
      });
    });
    bb.on('filesLimit', () => void (failure ??= new AppError('VALIDATION_FAILED', { issues: [{ path: `body.${spec.field}`, message: '一次只能上传一个文件' }] })));
    bb.on('partsLimit', () => void (failure ??= new AppError('PAYLOAD_TOO_LARGE')));
    bb.on('fieldsLimit', () => void (failure ??= new AppError('PAYLOAD_TOO_LARGE')));
    bb.on('error', () => reject(failure ?? new AppError('VALIDATION_FAILED', { issues: [{ path: 'body', message: '上传的内容不完整' }] })));
    bb.on('close', () => (failure ? reject(failure) : resolve({ fields, file })));
    req.pipe(bb);
  });
}
