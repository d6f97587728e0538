import { describe, expect, it } from 'vitest';
import { FORM_KEY, fieldErrorsFromAnswer, fieldErrorsOf, hasFieldErrors, validate } from './forms';
import { MerchantInput, MerchantPatch, VoucherBatchInput } from './models/vouchers';
import { StaffGrantBody } from './models/staff';
import { JoinBody } from './models/members';

const WUXING = '6f1c2f1e-8a7b-4c1d-9e2f-3a4b5c6d7e8f';

describe('validate with a contract schema', () => {
  it('returns the parsed body when the values are sound', () => {
    const r = validate(StaffGrantBody, { phone: '13900000021', name: '王海燕', role: 'operator' });
    expect(r).toEqual({ ok: true, data: { phone: '13900000021', name: '王海燕', role: 'operator' } });
  });

  it('puts the schema\'s Chinese message under each field, the first one only', () => {
    const r = validate(StaffGrantBody, { phone: '1390000', name: '', role: 'operator' });
    expect(r).toEqual({ ok: false, fieldErrors: { phone: '请输入11位手机号', name: '请输入姓名' } });
  });

  it('names an empty merchant before saying how long a name must be', () => {
    const r = validate(MerchantInput, { name: '  ', category: '家电', unionId: WUXING });
    expect(r.ok ? {} : r.fieldErrors).toEqual({ name: '请输入商户名称' });
  });

  it('keys a bad item of a list by the list, renamed to the form\'s field', () => {
    const r = validate(MerchantInput, { name: '湖州苏宁易购吴兴店', category: '家电', unionId: WUXING, staffPhones: ['13900000021', '1390'] }, { rename: { staffPhones: 'phones' } });
    expect(r.ok ? {} : r.fieldErrors).toEqual({ phones: '请输入11位手机号' });
  });

  it('says a face value of 0 must be positive (满1000减0 is no voucher)', () => {
    const r = validate(VoucherBatchInput.pick({ faceValueFen: true }), { faceValueFen: 0 });
    expect(r.ok ? {} : r.fieldErrors).toEqual({ faceValueFen: '面额须为正数' });
  });

  it('asks for a face value the form could not read as yuan', () => {
    const r = validate(VoucherBatchInput.pick({ faceValueFen: true }), { faceValueFen: undefined });
    expect(r.ok ? {} : r.fieldErrors).toEqual({ faceValueFen: '请填写面额（元）' });
  });

  it('keys a nested field by its top-level field (audience.unionId → audience)', () => {
    const r = validate(VoucherBatchInput.pick({ audience: true }), { audience: { unionId: '', tags: [] } });
    expect(r.ok ? {} : r.fieldErrors).toEqual({ audience: '请选择发放工会' });
  });

  it('keeps a form-wide refine under FORM_KEY', () => {
    const r = validate(MerchantPatch, {});
    expect(r.ok ? {} : r.fieldErrors).toEqual({ [FORM_KEY]: '没有要修改的内容' });
  });

  it('asks for consent to process the ID number on its own field', () => {
    const r = validate(JoinBody, { joinCode: 'HZWXEQUIP2', name: '张晓明', idNumber: '11010519491231002X', employer: '湖州吴兴智能装备有限公司', idNumberConsent: false });
    expect(r.ok ? {} : r.fieldErrors).toEqual({ idNumberConsent: '请阅读并同意身份证号处理说明' });
  });
});

describe('field errors of zod issues', () => {
  it('replaces a message left in zod\'s English with a Chinese one', () => {
    expect(fieldErrorsOf([{ path: ['stockTotal'], message: 'Too small: expected number to be >=1' }])).toEqual({ stockTotal: '填写有误，请检查' });
  });
});

describe('field errors of a server answer', () => {
  const failed = (issues: unknown[], code = 'VALIDATION_FAILED') => ({ code, message: '提交的信息有误，请检查后重试', details: { issues } });

  it('maps body issues to the same keys as validate', () => {
    const answer = failed([
      { path: 'body.thresholdFen', message: '使用门槛必须高于券面额' },
      { path: 'body.audience.unionId', message: '请选择发放工会' },
      { path: 'body.thresholdFen', message: '满减券需要设置使用门槛' },
    ]);
    expect(fieldErrorsFromAnswer(answer)).toEqual({ thresholdFen: '使用门槛必须高于券面额', audience: '请选择发放工会' });
  });

  it('renames keys as the form names them', () => {
    expect(fieldErrorsFromAnswer(failed([{ path: 'body.staffPhones.1', message: '请输入11位手机号' }]), { rename: { staffPhones: 'phones' } })).toEqual({
      phones: '请输入11位手机号',
    });
  });

  it('leaves out issues about the path or query and the body as a whole', () => {
    const answer = failed([
      { path: 'params.id', message: '找不到' },
      { path: 'query.month', message: '月份格式为 2026-12' },
      { path: 'body', message: '不允许的字段: isAdmin' },
    ]);
    expect(fieldErrorsFromAnswer(answer)).toEqual({});
  });

  it('puts a business refusal under the field its code belongs to', () => {
    const answer = { code: 'VOUCHER_STOCK_BELOW_CLAIMED', message: '发放总量不能少于已领取数量' };
    expect(fieldErrorsFromAnswer(answer, { codes: { VOUCHER_STOCK_BELOW_CLAIMED: 'stockTotal' } })).toEqual({ stockTotal: '发放总量不能少于已领取数量' });
  });

  it('has no field for an answer without issues or a mapped code (a toast instead)', () => {
    expect(fieldErrorsFromAnswer({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' })).toEqual({});
    expect(fieldErrorsFromAnswer({ code: 'VALIDATION_FAILED', message: 'x', details: { issues: 'nonsense' } })).toEqual({});
    expect(fieldErrorsFromAnswer({ code: 'VALIDATION_FAILED', message: 'x', details: { issues: [null, { path: 3 }] } })).toEqual({});
  });
});

describe('hasFieldErrors', () => {
  it('is false for cleared fields', () => {
    expect(hasFieldErrors({ title: undefined })).toBe(false);
    expect(hasFieldErrors({ title: '请填写券名称' })).toBe(true);
  });
});
