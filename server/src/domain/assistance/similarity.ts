// Capability 8 (R6.1): how alike two appeals are, on their jieba words (the caller splits the text:
// modules/appeals/appeals.search.ts `contentWords`). Pure: no database, no splitter.
//
// Score = cosine of two weighted bags of words. A word's weight is sqrt(term frequency) × its
// informativeness: words every appeal uses (企业, 反映, 咨询, 问题 …) are dropped, single characters
// count little, longer words (许可证, 隐患排查) more. Title words count twice: a title names the
// matter, the content tells the story around it. The thresholds below were set on the labelled
// evaluation set (server/test/assistance/eval-set.ts; figures in docs/ASSISTANCE.md).

/** Words that say nothing about the matter of an appeal. */
export const STOPWORDS = new Set(
  (
    '企业 公司 有限公司 有限责任公司 集团 我们 我公司 我司 本公司 贵局 你们 他们 反映 咨询 询问 请问 问题 情况 相关 有关 关于 ' +
    '希望 要求 请求 建议 能否 是否 可以 如何 怎么 怎样 什么 哪些 为什么 需要 进行 目前 现在 已经 还是 但是 因为 所以 ' +
    '一下 一些 这个 那个 这些 那些 以及 或者 并且 而且 如果 没有 不能 不是 就是 以来 之后 之前 时候 今年 去年 近期 最近 ' +
    '一直 多次 以上 以下 其中 对于 由于 通过 按照 根据 工作 方面 部门 单位 我们的 给予 帮助 协调 解决 答复 办理 处理 ' +
    '诉求 事项 具体 尽快 及时 能够 应该 应当 有没有 了解 告知 说明 明确 提供 存在 发现 导致 造成 影响 有所 较多'
  ).split(' '),
);

export type WordBag = ReadonlyMap<string, number>;

const informativeness = (w: string) => (w.length === 1 ? 0.25 : w.length === 2 ? 1 : 1.35);

/** The weighted bag of an appeal's words: title words twice. */
export function wordBag(titleWords: readonly string[], contentWords: readonly string[]): WordBag {
  const tf = new Map<string, number>();
  const add = (w: string, n: number) => {
    if (STOPWORDS.has(w) || /^\d+$/.test(w)) return;
    tf.set(w, (tf.get(w) ?? 0) + n);
  };
  for (const w of titleWords) add(w, 2);
  for (const w of contentWords) add(w, 1);
  const bag = new Map<string, number>();
  for (const [w, n] of tf) bag.set(w, Math.sqrt(n) * informativeness(w));
  return bag;
}

/** Cosine similarity of two bags, 0..1. */
export function similarity(a: WordBag, b: WordBag): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [w, x] of a) {
    na += x * x;
    const y = b.get(w);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Below this a past appeal is not shown as similar at all. */
export const SIMILAR_MIN = 0.12;
/** R6.1 / capability 8: the same enterprise's appeal at least this similar within the window is a repeat (重复诉求). */
export const REPEAT_MIN = 0.45;

/** The words worth searching for (the query of a candidate search): the bag's heaviest words. */
export function queryTerms(bag: WordBag, max = 24): string[] {
  return [...bag.entries()]
    .filter(([w]) => w.length > 1)
    .sort((x, y) => y[1] - x[1])
    .slice(0, max)
    .map(([w]) => w);
}
