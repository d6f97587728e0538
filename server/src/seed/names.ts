/** Deterministic demo people: common surnames and given names, and valid Huzhou ID numbers. */
import { idNumberCheckChar } from '@gonghui/shared';

export const SURNAMES = Array.from('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤');
export const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华', '晓明', '文斌', '海燕', '志强', '丽萍', '国庆', '建国', '春梅', '玉兰', '永刚', '红霞', '晓东', '雪梅', '建军', '俊杰', '婷婷'];

/** A small seeded PRNG so the demo data is the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

/** An ID number for a region (e.g. 330502 吴兴区), a birth date and a sequence, with its check character. */
export function makeIdNumber(region: string, birth: { y: number; m: number; d: number }, seq: number): string {
  const body = `${region}${birth.y}${String(birth.m).padStart(2, '0')}${String(birth.d).padStart(2, '0')}${String(seq % 1000).padStart(3, '0')}`;
  return body + idNumberCheckChar(body);
}
