/**
 * Adds up V8 CPU profiles (.cpuprofile files) and prints where the time went, by function (self
 * time), busiest first: `node bench/sum-profiles.mjs <files…> [--top 40]`.
 */
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 40;
const files = args.filter((arg, i) => arg !== '--top' && i !== topAt + 1);
const self = new Map();
let total = 0;
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  profile.samples.forEach((id, i) => {
    const { callFrame } = byId.get(id);
    const where = callFrame.url ? callFrame.url.split('/').slice(-2).join('/') : '';
    const key = `${callFrame.functionName || '(anonymous)'} ${where}`.trim();
    const us = profile.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + us);
    total += us;
  });
}
const busy = total - (self.get('(idle)') ?? 0);
console.log(`${files.length} profile(s): ${(total / 1000).toFixed(0)} ms sampled, ${(busy / 1000).toFixed(0)} ms not idle`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
}
