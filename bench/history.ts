/**
 * npm run bench:history — agreement history at scale.
 *
 * Builds an agreement with 10,000 updates by two authors in an in-memory PGlite (keystroke-sized
 * updates in sessions, with new paragraphs and deletions, snapshots every 200 updates like the
 * realtime server), then measures over many random points:
 *   - listing the timeline (first page, and walking every page),
 *   - reconstructing a past state (snapshot + tail, then its canonical text),
 *   - diffing two points (both states + attribution of the updates between),
 *   - the naive reconstruction (replay every update from the first) at the same points.
 * The last line printed is one JSON object with the figures.
 */
import os from 'node:os';
import * as Y from 'yjs';
import { documentSnapshots, documentUpdates, documents, spaceMembers, spaces, users } from '../drizzle/schema';
import { openPglite } from '../server/db/open-database';
import { blocksToMarkdown, canonicalText } from '../server/domain/history/canonical-text';
import { AGREEMENT_FRAGMENT } from '../server/domain/history/document-blocks';
import { listTimeline } from '../server/domain/history/list-timeline';
import { diffPoints, readBlocksAt, readDocAt, readStateAt } from '../server/domain/history/read-history';
import { docFromState } from '../server/domain/history/reconstruct-state';
import { and, asc, desc, eq, gt, lte } from 'drizzle-orm';

const UPDATES = 10_000;
const SNAPSHOT_EVERY = 200;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const NAIVE_SAMPLES = Number(process.env.BENCH_NAIVE_SAMPLES ?? 60);

/** Deterministic randomness, so two runs measure the same document and points. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(42);
const pick = (n: number) => Math.floor(rand() * n);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
const round = (n: number) => Math.round(n * 100) / 100;

const WORDS = 'we agree to talk openly every evening about how the day went and to tell each other when something feels hard no phones at dinner'.split(' ');

interface Generated {
  rows: Array<{ seq: number; update: Uint8Array; authorId: string; createdAt: Date }>;
  snapshots: Array<{ seq: number; state: Uint8Array }>;
}

function generate(authorIds: [string, string]): Generated {
  const server = new Y.Doc();
  const editors = authorIds.map(() => new Y.Doc());
  const rows: Generated['rows'] = [];
  const snapshots: Generated['snapshots'] = [];
  let time = Date.UTC(2026, 0, 1, 9);
  let who = 0;
  let sessionLeft = 0;
  while (rows.length < UPDATES) {
    if (sessionLeft === 0) {
      who = 1 - who;
      sessionLeft = 20 + pick(400);
      time += 10 * 60_000 + pick(3 * 86_400_000); // next session: minutes to days later
    }
    const editor = editors[who]!;
    const fragment = editor.getXmlFragment(AGREEMENT_FRAGMENT);
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => (update = u);
    editor.once('update', capture);
    const roll = rand();
    editor.transact(() => {
      if (fragment.length === 0 || roll < 0.03) {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText()]);
        fragment.insert(fragment.length === 0 ? 0 : pick(fragment.length + 1), [paragraph]);
        return;
      }
      const paragraph = fragment.get(pick(fragment.length)) as Y.XmlElement;
      const text = paragraph.get(0) as Y.XmlText;
      if (roll < 0.12 && text.length > 0) {
        text.delete(pick(text.length), 1 + pick(Math.min(8, text.length)));
      } else if (roll < 0.125 && fragment.length > 3) {
        fragment.delete(pick(fragment.length), 1);
      } else {
        // Typing: most updates are one keystroke at the end of what one is writing.
        const word = WORDS[pick(WORDS.length)]!;
        const chunk = rand() < 0.8 ? (rand() < 0.2 ? ' ' : word[pick(word.length)]!) : ` ${word}`;
        text.insert(rand() < 0.85 ? text.length : pick(text.length + 1), chunk);
      }
    });
    editor.off('update', capture);
    if (!update) continue;
    Y.applyUpdate(server, update);
    for (const other of editors) if (other !== editor) Y.applyUpdate(other, update);
    time += 150 + pick(2500);
    rows.push({ seq: rows.length + 1, update, authorId: authorIds[who]!, createdAt: new Date(time) });
    if (rows.length % SNAPSHOT_EVERY === 0) snapshots.push({ seq: rows.length, state: Y.encodeStateAsUpdate(server) });
    sessionLeft--;
  }
  return { rows, snapshots };
}

/**
 * Wall time, and the CPU time this process spent meanwhile. On a machine busy with other work the
 * wall time includes waiting for a core; the CPU time is what the work itself cost, and moves far
 * less with the machine's load (PGlite runs on this thread, so its SQL is in both).
 */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}

const loadAverage = () => round(os.loadavg()[0]!);

async function main() {
  const loadStart = loadAverage();
  console.log(`load average (1 min) at the start: ${loadStart} on ${os.cpus().length} cores`);
  const handle = await openPglite(null);
  const { db } = handle;
  try {
    const [alex, sam] = await db
      .insert(users)
      .values([
        { name: 'Alex', email: 'alex@bench.example', passwordHash: 'x' },
        { name: 'Sam', email: 'sam@bench.example', passwordHash: 'x' },
      ])
      .returning();
    const [space] = await db.insert(spaces).values({ name: 'Bench', createdBy: alex!.id }).returning();
    await db.insert(spaceMembers).values([
      { spaceId: space!.id, userId: alex!.id, seat: 1 },
      { spaceId: space!.id, userId: sam!.id, seat: 2 },
    ]);
    const [doc] = await db.insert(documents).values({ spaceId: space!.id, kind: 'agreement', title: 'Bench agreement', createdBy: alex!.id }).returning();
    const documentId = doc!.id;

    const generation = await timed(async () => generate([alex!.id, sam!.id]));
    const { rows, snapshots } = generation.value;
    for (let i = 0; i < rows.length; i += 2000) await db.insert(documentUpdates).values(rows.slice(i, i + 2000).map((r) => ({ ...r, documentId })));
    for (let i = 0; i < snapshots.length; i += 10) await db.insert(documentSnapshots).values(snapshots.slice(i, i + 10).map((s) => ({ ...s, documentId })));
    const finalText = canonicalText(docFromState(snapshots.at(-1)!.state));
    console.log(`generated ${rows.length} updates by 2 authors in ${Math.round(generation.ms)} ms; ${snapshots.length} snapshots; final text ${finalText.length} characters`);

    const cold = await timed(() => diffPoints(db, documentId, 0, UPDATES));
    console.log(`diff, first for this document in this process (cold: learns who wrote what from all ${UPDATES} updates): ${Math.round(cold.ms)} ms`);
    const coldTimeline = await timed(() => listTimeline(db, documentId, { limit: 20 }));
    console.log(`timeline, first page, first time in this process (cold: measures the page's ${coldTimeline.value.sessions.reduce((n, s) => n + s.updateCount, 0)} updates): ${Math.round(coldTimeline.ms)} ms`);
    // Warm-up: the first calls compile query plans and JIT the Yjs paths; measured runs start after.
    for (let i = 0; i < 10; i++) {
      (await readDocAt(db, documentId, 1 + pick(UPDATES))).destroy();
      await readBlocksAt(db, documentId, 1 + ((i * 997) % UPDATES)); // not from pick(): the measured points stay those of earlier runs
      await diffPoints(db, documentId, pick(UPDATES + 1), pick(UPDATES + 1));
    }

    const timelineRuns: number[] = [];
    for (let i = 0; i < 20; i++) timelineRuns.push((await timed(() => listTimeline(db, documentId, { limit: 20 }))).ms);
    let pages = 0;
    let sessions = 0;
    const walk = await timed(async () => {
      let before: number | undefined;
      for (;;) {
        const page = await listTimeline(db, documentId, { beforeSeq: before, limit: 20 });
        pages++;
        sessions += page.sessions.length;
        if (page.nextBeforeSeq === null) break;
        before = page.nextBeforeSeq;
      }
    });
    const randomPages: number[] = [];
    for (let i = 0; i < 50; i++) {
      const before = 1 + pick(UPDATES);
      randomPages.push((await timed(() => listTimeline(db, documentId, { beforeSeq: before, limit: 20 }))).ms);
    }
    console.log(`timeline: first page p50 ${round(percentile(timelineRuns, 50))} ms; a page at a random point p99 ${round(percentile(randomPages, 99))} ms; all ${pages} pages (${sessions} sessions) in ${Math.round(walk.ms)} ms`);

    const points = Array.from({ length: SAMPLES }, () => 1 + pick(UPDATES));
    const reconstruct: number[] = [];
    const reconstructCpu: number[] = [];
    for (const seq of points) {
      const result = await timed(async () => blocksToMarkdown(await readBlocksAt(db, documentId, seq)));
      reconstruct.push(result.ms);
      reconstructCpu.push(result.cpuMs);
    }
    console.log(
      `reconstruct (the past state's blocks from the history index, then canonical text), ${SAMPLES} points: p50 ${round(percentile(reconstruct, 50))} ms, p99 ${round(percentile(reconstruct, 99))} ms (CPU p50 ${round(percentile(reconstructCpu, 50))} ms, p99 ${round(percentile(reconstructCpu, 99))} ms)`,
    );
    // A Yjs state at a point (what a restore builds on): nearest snapshot + tail, into a Y.Doc.
    const fromSnapshots: number[] = [];
    for (const seq of points) {
      const result = await timed(async () => {
        const docAt = await readDocAt(db, documentId, seq);
        const text = canonicalText(docAt);
        docAt.destroy();
        return text;
      });
      fromSnapshots.push(result.ms);
    }
    console.log(`reconstruct a Y.Doc (snapshot + tail, then canonical text), ${SAMPLES} points: p50 ${round(percentile(fromSnapshots, 50))} ms, p99 ${round(percentile(fromSnapshots, 99))} ms`);

    const diffs: number[] = [];
    const diffsCpu: number[] = [];
    let changedBlocks = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const a = pick(UPDATES + 1);
      const b = pick(UPDATES + 1);
      const result = await timed(() => diffPoints(db, documentId, a, b));
      diffs.push(result.ms);
      diffsCpu.push(result.cpuMs);
      changedBlocks += result.value.blocks.filter((block) => block.status !== 'same').length;
    }
    console.log(
      `diff two random points, ${SAMPLES} pairs: p50 ${round(percentile(diffs, 50))} ms, p99 ${round(percentile(diffs, 99))} ms (CPU p50 ${round(percentile(diffsCpu, 50))} ms, p99 ${round(percentile(diffsCpu, 99))} ms; ${changedBlocks} whole blocks added/removed in all)`,
    );

    const naive: number[] = [];
    const naiveCpu: number[] = [];
    /** Naive over Mend at the same point: both sides of the ratio measured where the other was. */
    const samePointRatios: number[] = [];
    let mismatches = 0;
    for (const [i, seq] of points.slice(0, NAIVE_SAMPLES).entries()) {
      const result = await timed(async () => {
        const all = await db
          .select({ update: documentUpdates.update })
          .from(documentUpdates)
          .where(and(eq(documentUpdates.documentId, documentId), lte(documentUpdates.seq, seq)))
          .orderBy(asc(documentUpdates.seq));
        const replay = new Y.Doc();
        for (const row of all) Y.applyUpdate(replay, row.update);
        const text = canonicalText(replay);
        replay.destroy();
        return text;
      });
      naive.push(result.ms);
      naiveCpu.push(result.cpuMs);
      samePointRatios.push(result.cpuMs / reconstructCpu[i]!);
      const docAt = docFromState(await readStateAt(db, documentId, seq));
      if (canonicalText(docAt) !== result.value) mismatches++;
      if (blocksToMarkdown(await readBlocksAt(db, documentId, seq)) !== result.value) mismatches++;
      docAt.destroy();
    }
    if (mismatches) throw new Error(`${mismatches} reconstructions differ from the naive replay`);
    console.log(
      `naive reconstruct (replay from the first update), ${NAIVE_SAMPLES} of the same points: p50 ${round(percentile(naive, 50))} ms, p99 ${round(percentile(naive, 99))} ms (CPU p50 ${round(percentile(naiveCpu, 50))} ms, p99 ${round(percentile(naiveCpu, 99))} ms); every one equal to Mend's; naive / Mend in CPU at the same point: median ${round(percentile(samePointRatios, 50))}x, lowest ${round(Math.min(...samePointRatios))}x`,
    );

    if (process.env.BENCH_PROFILE) {
      const { readHistoryIndex } = await import('../server/domain/history/attribution-index');
      const { diffReading } = await import('../server/domain/history/diff-states');
      for (const [a, b] of [[10, 9990], [5000, 5100], [3000, 7000]] as const) {
        const t0 = performance.now();
        const index = await readHistoryIndex(db, documentId);
        const t1 = performance.now();
        const attribution = index.attribution(a, b);
        const t2 = performance.now();
        diffReading(index.doc, index.between(a, b), attribution);
        const t3 = performance.now();
        console.log(JSON.stringify({ a, b, catchUp: round(t1 - t0), attribution: round(t2 - t1), read: round(t3 - t2) }));
      }
    }
    const reconstructP99 = percentile(reconstruct, 99);
    console.log(
      JSON.stringify({
        bench: 'history',
        updates: rows.length,
        timeline_ms: round(percentile(timelineRuns, 50)),
        reconstruct_p50_ms: round(percentile(reconstruct, 50)),
        reconstruct_p99_ms: round(reconstructP99),
        reconstruct_ydoc_p99_ms: round(percentile(fromSnapshots, 99)),
        diff_p50_ms: round(percentile(diffs, 50)),
        diff_p99_ms: round(percentile(diffs, 99)),
        naive_reconstruct_p99_ms: round(percentile(naive, 99)),
        ratio_naive_over_mend: round(percentile(naive, 99) / reconstructP99),
        reconstruct_cpu_p99_ms: round(percentile(reconstructCpu, 99)),
        diff_cpu_p99_ms: round(percentile(diffsCpu, 99)),
        naive_reconstruct_cpu_p99_ms: round(percentile(naiveCpu, 99)),
        ratio_naive_over_mend_cpu: round(percentile(naiveCpu, 99) / percentile(reconstructCpu, 99)),
        ratio_same_point_cpu_median: round(percentile(samePointRatios, 50)),
        load_start: loadStart,
        load_end: loadAverage(),
      }),
    );
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
