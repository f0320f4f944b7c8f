/**
 * Words as a Chinese reader counts them: each Han character (and kana / hangul syllable) is one, a run of
 * Latin letters or digits is one, punctuation and spaces are none. "会议纪要 draft 2" counts 6.
 */
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]|[\u{20000}-\u{2ebef}]/u;
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/u;

export function countWords(text: string): number {
  let count = 0;
  // Split every CJK character off as its own token, then count the remaining word runs.
  const tokens = text.match(new RegExp(`${CJK.source}|${WORD.source}`, "gu")) ?? [];
  for (const token of tokens) if (CJK.test(token) || WORD.test(token)) count++;
  return count;
}
