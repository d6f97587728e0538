/*
 * 慰问信: the two reference templates of seed 001 (参考模板一 to a worker's family, 参考模板二 to the
 * family of one who works through the holiday), with the blanks as placeholders the app fills for
 * each recipient: {姓名} the member's name, {工会} the sending union, {年份} the campaign's year.
 */

export const LETTER_TEMPLATES = ['one', 'two', 'custom'] as const;
export type LetterTemplate = (typeof LETTER_TEMPLATES)[number];
export const letterTemplateLabels: Record<LetterTemplate, string> = { one: '参考模板一（致职工及家属）', two: '参考模板二（致节日坚守岗位职工家属）', custom: '自己撰写' };

export const LETTER_TEXTS: Record<'one' | 'two', { title: string; body: string }> = {
  one: {
    title: '新春慰问信',
    body: [
      '{姓名}同志及家属：',
      '值此新春佳节来临之际，{工会}向您及您的家属致以节日的问候和诚挚的感谢。',
      '过去的一年，每一份成就都立足于平凡的岗位，每一项成绩都凝结着每位职工的智慧和汗水，更依托于职工家属的默默付出。当他（她）忙于工作而无暇顾及家务的时候，感谢您的付出；当他（她）因工作而减少了陪伴您的时间，感谢您的体谅。在此，向您致以最真诚的感谢和最崇高的敬意：您辛苦了，感谢您！',
      '时序更替，梦想前行。{年份}年，{工会}将始终把职工群众的冷暖疾苦、殷殷期盼放在心上，为实现广大职工群众对美好生活的向往不懈努力。',
      '衷心祝您新春愉快、身体健康、阖家幸福！',
      '{工会}',
    ].join('\n'),
  },
  two: {
    title: '致节日坚守岗位职工家属的慰问信',
    body: [
      '{姓名}同志的家属：',
      '值此新春佳节来临之际，{工会}向您致以诚挚的节日问候和祝福！您的家人{姓名}同志春节期间坚守岗位，无法回家陪您一起过年，在此，对您给予的理解和支持表示衷心的感谢！',
      '单位今天所取得的成绩，离不开每一位职工的努力付出，以及背后无数像您一样的职工家属的理解与默默付出。{姓名}同志在工作岗位上踏实工作、兢兢业业，相信您作为家属也一定会为他（她）感到骄傲和自豪！',
      '家，是每个人心中最温暖的港湾。职工的家人也就是我们的家人，家里有什么困难请务必及时告诉我们，我们一定会伸出双手，与您一同前行。',
      '衷心祝您{年份}年新春吉祥、身体健康、万事如意！',
      '{工会}',
    ].join('\n'),
  },
};

export const LETTER_PLACEHOLDERS = ['{姓名}', '{工会}', '{年份}'] as const;

/** The letter as one recipient reads it: every placeholder filled, nothing else touched. */
export function fillLetter(text: string, f: { name: string; union: string; year: number }): string {
  return text.split('{姓名}').join(f.name).split('{工会}').join(f.union).split('{年份}').join(String(f.year));
}

/** Placeholders written wrong ({名字}) would reach families as they are: name them before sending. */
export function unknownPlaceholders(text: string): string[] {
  return [...new Set((text.match(/\{[^}]{1,8}\}/g) ?? []).filter((p) => !(LETTER_PLACEHOLDERS as readonly string[]).includes(p)))];
}
