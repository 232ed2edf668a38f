// Capability 8 quality on the labelled evaluation set (eval-set.ts, 26 topics, 208 pairs): precision@5
// of the similar-appeals list through the real index and ranking, and precision/recall of repeat
// detection. The floors are the figures reached when the thresholds were set (docs/ASSISTANCE.md):
// a change to the ranking that makes them worse fails here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { similarity } from '../../src/domain/assistance/similarity.ts';
import { REPEAT_MIN } from '../../src/domain/assistance/similarity.ts';
import { appealBag, similarAppeals } from '../../src/modules/appeals/index.ts';
import { EVAL_TOPICS, evalPairs } from './eval-set.ts';
import { call, createAppeal, world } from '../appeals/helpers.ts';

const FLOOR = { precisionAt5: 0.38, precisionAt5OfReachable: 0.63, partnerInTop5: 0.98, repeatPrecision: 0.9, repeatRecall: 0.88 };

test('R6.1 repeat detection on the labelled pairs: precision and recall at the repeat threshold', () => {
  const pairs = evalPairs();
  assert.ok(pairs.length >= 200, `at least 200 labelled pairs (${pairs.length})`);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of pairs) {
    const flagged = similarity(appealBag(p.a.title, p.a.content), appealBag(p.b.title, p.b.content)) >= REPEAT_MIN;
    if (p.label === 'repeat' && flagged) tp++;
    else if (p.label === 'repeat') fn++;
    else if (flagged) fp++;
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  console.log(
    `[R6.1 quality] repeat detection on ${pairs.length} pairs: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn})`,
  );
  assert.ok(precision >= FLOOR.repeatPrecision, `repeat precision ${precision.toFixed(3)} ≥ ${FLOOR.repeatPrecision}`);
  assert.ok(recall >= FLOOR.repeatRecall, `repeat recall ${recall.toFixed(3)} ≥ ${FLOOR.repeatRecall}`);
});

test('R6.1 similar appeals: precision@5 over the evaluation set, through the index; another tenant never suggested', async () => {
  const w = await world();
  // Every text of the set as an appeal of its own enterprise (no repeats between them), and one copy
  // of each in the city tenant, which must never come back.
  const ids: { id: string; topic: number }[] = [];
  let n = 0;
  for (const [topic, tp] of EVAL_TOPICS.entries()) {
    for (const matter of tp.matters) {
      for (const text of matter) {
        n++;
        const a = await createAppeal(w, { enterpriseName: `评测企业${n}有限公司`, title: text.title, content: text.content });
        ids.push({ id: a.id, topic });
      }
    }
  }
  const cityIds = new Set<string>();
  for (const tp of EVAL_TOPICS.slice(0, 5)) {
    const t0 = tp.matters[0][0];
    const res = await call(w.app, w.cityIntake, {
      method: 'POST',
      url: '/api/appeals',
      payload: {
        enterpriseName: '外市企业',
        contactName: '李',
        contactPhone: '13900000000',
        channel: 'hotline',
        category: 'licensing',
        title: t0.title,
        content: t0.content,
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    cityIds.add(res.json().id);
  }
  const topicOf = new Map(ids.map((x) => [x.id, x.topic]));
  let hits = 0;
  let shown = 0;
  let reachable = 0;
  let partners = 0;
  const matterOf = new Map(ids.map((x, i) => [x.id, `${x.topic}:${Math.floor((i % 4) / 2)}`]));
  for (const [i, x] of ids.entries()) {
    const tp = EVAL_TOPICS[x.topic]!;
    const text = tp.matters[Math.floor((i % 4) / 2)]![i % 2]!;
    const list = await similarAppeals(w.db, w.province.id, { title: text.title, content: text.content, excludeId: x.id, limit: 5 });
    for (const s of list) assert.ok(!cityIds.has(s.id), 'another tenant’s appeal is never suggested');
    hits += list.filter((s) => topicOf.get(s.id) === x.topic).length;
    shown += 5;
    reachable += 3; // the other three appeals of the topic
    if (list.some((s) => matterOf.get(s.id) === matterOf.get(x.id))) partners++;
  }
  const precisionAt5 = hits / shown;
  const ofReachable = hits / reachable;
  const partnerRate = partners / ids.length;
  console.log(
    `[R6.1 quality] similar appeals over ${ids.length} queries: precision@5 ${precisionAt5.toFixed(3)} (at most 0.600: 3 relevant per query), relevant found in top 5 ${ofReachable.toFixed(3)}, paraphrased repeat in top 5 ${partnerRate.toFixed(3)}`,
  );
  assert.ok(partnerRate >= FLOOR.partnerInTop5, `paraphrase in top 5 ${partnerRate.toFixed(3)} ≥ ${FLOOR.partnerInTop5}`);
  assert.ok(precisionAt5 >= FLOOR.precisionAt5, `precision@5 ${precisionAt5.toFixed(3)} ≥ ${FLOOR.precisionAt5}`);
  assert.ok(ofReachable >= FLOOR.precisionAt5OfReachable, `relevant found ${ofReachable.toFixed(3)} ≥ ${FLOOR.precisionAt5OfReachable}`);

  // Through HTTP too: intake's panel shows the same, and the city's intake sees none of the province's appeals.
  const q = EVAL_TOPICS[0]!.matters[0][0];
  const res = await call(w.app, w.users.intake, { method: 'POST', url: '/api/assistance/suggestions', payload: { title: q.title, content: q.content } });
  assert.equal(res.statusCode, 200, res.body);
  assert.ok(res.json().similar.length >= 3);
  const city = await call(w.app, w.cityIntake, { method: 'POST', url: '/api/assistance/suggestions', payload: { title: q.title, content: q.content } });
  assert.equal(city.statusCode, 200, city.body);
  assert.ok(
    city.json().similar.every((s: { id: string }) => cityIds.has(s.id)),
    'the city sees only its own appeals',
  );
});
