/**
 * Pipeline throughput: validate + sanitize + compile (check(), the one verdict every send and
 * every CLI export takes) on one core, in cards per second, over ../shared/bench/cards200.json.
 *
 *   npm run bench:pipeline [-- --seconds 10]
 *
 * Each entry {title, description (HTML), actions:[{label, type, value}]} becomes a one-card
 * design the way the seed tutorial's CardPayloadBuilder builds a card
 * (../shared/seeds/000_1035e4b0b9886951.txt): title and description from the entry (with the
 * tutorial's fallbacks), the first max_buttons (5) actions as buttons, Postback for postback
 * actions and Link for URL-like values. The description's HTML is stripped to
 * text by the pipeline's sanitize step. Target: ≥ 7,000 cards/s.
 */
import { readFileSync } from 'node:fs';
import { FORMAT_VERSION, check, type Design, type DesignNode } from '@grmd/shared';
import { referencePath } from '@grmd/shared/testing/reference';
import { createPurifier } from '../src/sanitize/purifier.ts';

type Entry = { title?: string; description?: string; actions?: Array<{ label?: string; type?: string; value?: string }> };

/** The seed tutorial's max_buttons default. */
const SEED_MAX_BUTTONS = 5;
const TARGET_CARDS_PER_S = 7000;


export function cardDesign(entry: Entry, index: number): Design {
  const actions = (entry.actions ?? []).slice(0, SEED_MAX_BUTTONS).map((a, j): DesignNode => {
    const value = a.value ?? '';
    const text = a.label ?? 'Action';
    const isUrl = /^https?:\/\//i.test(value) || (a.type ?? '').toLowerCase() === 'link';
    return {
      id: `a${index}-${j}`,
      kind: 'action',
      props: isUrl ? { type: 'Link', text, url: value } : { type: 'Postback', text, payload: value },
      children: [],
    };
  });
  const card: DesignNode = {
    id: `c${index}`,
    kind: 'card',
    props: { title: entry.title ?? 'System Notification', description: entry.description ?? 'Card content placeholder' },
    children: actions,
  };
  return {
    formatVersion: FORMAT_VERSION,
    id: `bench-${index}`,
    name: entry.title ?? `Card ${index}`,
    channel: 'webmessaging',
    variables: [],
    root: { id: `m${index}`, kind: 'message', props: {}, children: [card] },
  };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function main() {
  const args = process.argv.slice(2);
  const secondsArg = args.indexOf('--seconds');
  const seconds = secondsArg >= 0 ? Number(args[secondsArg + 1]) : 5;
  const entries = JSON.parse(readFileSync(referencePath('bench', 'cards200.json'), 'utf8')) as Entry[];
  const designs = entries.map(cardDesign);
  const purify = createPurifier();

  // Sanity: every card must come out valid with its HTML stripped, or the figure is meaningless.
  for (const d of designs) {
    const r = check(d, { purify });
    const card = r.message?.content?.[0];
    if (!r.valid || card?.contentType !== 'Card' || /<[a-z/]/i.test(card.card.description ?? '')) {
      console.error(`bench: ${d.id} did not compile to a clean valid card:`, JSON.stringify(r.issues.filter((i) => i.severity === 'error')));
      process.exit(1);
    }
  }

  // Warm-up: let V8 optimise the hot path before measuring.
  const warmUntil = performance.now() + 1500;
  while (performance.now() < warmUntil) for (const d of designs) check(d, { purify });

  const samples: number[] = [];
  let cards = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (const d of designs) {
      const t0 = process.hrtime.bigint();
      check(d, { purify });
      samples.push(Number(process.hrtime.bigint() - t0) / 1000);
      cards++;
    }
  }
  const elapsed = (performance.now() - start) / 1000;
  const sorted = Float64Array.from(samples).sort();
  const rate = cards / elapsed;
  console.log(`pipeline (validate + sanitize + compile), 1 core, ${entries.length} cards from cards200.json`);
  console.log(`cards: ${cards} in ${elapsed.toFixed(2)} s`);
  console.log(`throughput: ${Math.round(rate)} cards/s (target ≥ ${TARGET_CARDS_PER_S})`);
  console.log(`per card: p50 ${percentile(sorted, 0.5).toFixed(1)} µs, p99 ${percentile(sorted, 0.99).toFixed(1)} µs`);
  console.log(rate >= TARGET_CARDS_PER_S ? 'target met' : 'TARGET MISSED');
}

main();
