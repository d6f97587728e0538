import { describe, expect, it } from 'vitest';
import { joinCodeFrom, joinCodeFromLink, joinCodeFromScene } from './join-code';

describe('the join code a join page was opened with', () => {
  it('reads ?code= of the H5 link', () => {
    expect(joinCodeFrom({ code: 'HZWXEQUIP2' })).toBe('HZWXEQUIP2');
  });

  it('reads a 小程序码 whose scene is the join code, as WeChat hands it over (encoded) or already decoded', () => {
    expect(joinCodeFrom({ scene: 'HZWXEQUIP2' })).toBe('HZWXEQUIP2');
    expect(joinCodeFromScene(encodeURIComponent('HZWXKIDS2'))).toBe('HZWXKIDS2');
  });

  it('reads a scene written as code=… as well', () => {
    expect(joinCodeFromScene(encodeURIComponent('code=HZWXKIDS2'))).toBe('HZWXKIDS2');
    expect(joinCodeFromScene('from=poster&code=HZWXKIDS2')).toBe('HZWXKIDS2');
  });

  it('reads the code of the link a plain QR carried (q), encoded once as WeChat passes it', () => {
    const link = 'https://gonghui.example.org.cn/pages/join/index?code=HZWXEQUIP2';
    expect(joinCodeFrom({ q: encodeURIComponent(link), scancode_time: '1764560000' })).toBe('HZWXEQUIP2');
    expect(joinCodeFromLink(link)).toBe('HZWXEQUIP2');
    expect(joinCodeFromLink(encodeURIComponent('https://h.example.cn/pages/join/index?from=poster&code=HZWXKIDS2#top'))).toBe('HZWXKIDS2');
  });

  it('prefers code over scene over q', () => {
    expect(joinCodeFrom({ code: 'HZAAAA01', scene: 'HZBBBB02', q: encodeURIComponent('https://h/pages/join/index?code=HZCCCC03') })).toBe('HZAAAA01');
    expect(joinCodeFrom({ scene: 'HZBBBB02', q: encodeURIComponent('https://h/pages/join/index?code=HZCCCC03') })).toBe('HZBBBB02');
  });

  it('gives nothing for a link without a code, a code the server would refuse, or broken encoding', () => {
    expect(joinCodeFrom({})).toBe('');
    expect(joinCodeFromLink(encodeURIComponent('https://h/pages/join/index'))).toBe('');
    expect(joinCodeFromLink(encodeURIComponent('https://h/pages/join/index?code=<script>'))).toBe('');
    expect(joinCodeFromScene('%E4%ZZ')).toBe('');
    expect(joinCodeFrom({ code: 'abc' })).toBe('');
  });
});
