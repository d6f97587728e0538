import { describe, expect, it } from 'vitest';
import { safeError } from './logger';

describe('error serializer', () => {
  it('drops the parameters a driver error quotes, keeping the database’s own message and code', () => {
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    const err = Object.assign(new Error('Failed query: select * from users where phone = $1\nparams: 13800000007'), { name: 'DrizzleQueryError', cause });
    const out = JSON.stringify(safeError(err));
    expect(out).not.toContain('13800000007');
    expect(out).toContain('22021');
    expect(out).toContain('invalid byte sequence');
  });
});
