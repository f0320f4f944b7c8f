import { createRequire } from "node:module";
import { Jieba } from "@node-rs/jieba";

// The dictionary ships as a CommonJS module of its own; loading it once costs ~150 ms, so it is shared.
const require = createRequire(import.meta.url);
let jieba: Jieba | null = null;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict((require("@node-rs/jieba/dict") as { dict: Uint8Array }).dict);
  return jieba;
}

/**
 * Words too common in the lists to say anything about a fit: every need is "for the community's residents",
 * every resource "a service". Matching on them would rank everyone alike.
 */
const STOP_WORDS = new Set([
  "社区",
  "居民",
  "服务",
  "提供",
  "需要",
  "协助",
  "帮助",
  "开展",
  "进行",
  "组织",
  "相关",
  "工作",
  "我们",
  "一个",
  "一次",
  "以及",
  "人员",
  "the",
  "and",
  "for",
  "with",
  "of",
  "to",
  "in",
  "a",
  "an",
  "on",
  "at",
  "by",
  "residents",
  "community",
  "service",
  "services",
]);

const HAN = /\p{Script=Han}/u;

/**
 * The words of a text that matching compares: Chinese segmented by jieba (search mode, so 消防通道 also
 * yields 消防 and 通道), English and numbers as lower-case words. Single Chinese characters (的, 与, 人)
 * and stop words are dropped.
 */
export function keywordsOf(text: string): string[] {
  const words = new Set<string>();
  for (const raw of segmenter().cutForSearch(text.slice(0, 2000), true)) {
    const word = raw.trim().toLowerCase();
    if (!word || STOP_WORDS.has(word)) continue;
    if (HAN.test(word)) {
      if ([...word].length >= 2) words.add(word);
    } else if (/^[\p{L}\p{N}]{2,}$/u.test(word)) {
      words.add(word);
    }
  }
  return [...words];
}
