/**
 * The seams that keep the server in layers, checked by reading every server file's imports:
 * domain code (server/domain, server/notices, server/auth) reaches live documents only through
 * server/documents/document-hub.ts, never the realtime transport (server/realtime/**); and no server
 * file imports the Next app (app/**), which the browser bundle owns; and no app file queries the
 * tables itself: pages and actions ask the domain, which authorizes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) out.push(full);
  }
  return out;
}

/** Every module a file imports (static, re-exports, dynamic), as a path relative to the repository, or the bare specifier. */
export function importedModules(file: string, text: string): string[] {
  const specifiers = new Set<string>();
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) specifiers.add(match[1]!);
  return [...specifiers].map((specifier) => {
    if (specifier.startsWith('@/')) return specifier.slice(2);
    if (specifier.startsWith('.')) return path.relative(root, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/');
    return specifier;
  });
}

function violations(files: string[], forbidden: (target: string) => boolean, options: { typesAllowed?: boolean } = {}): string[] {
  const found: string[] = [];
  for (const file of files) {
    let text = readFileSync(file, 'utf8');
    // A type describes data the domain handed over; it queries nothing.
    if (options.typesAllowed) text = text.replace(/^import type [^;]+;$/gm, '');
    for (const target of importedModules(file, text)) {
      if (forbidden(target)) found.push(`${path.relative(root, file)} imports ${target}`);
    }
  }
  return found;
}

describe('import boundaries of the server', () => {
  it('the scan sees relative, aliased and dynamic imports', () => {
    const file = path.join(root, 'server/domain/x/y.ts');
    const found = importedModules(file, "import { a } from '../../realtime/yjs/room-registry';\nconst b = await import('@/app/page');\nexport * from './z';");
    expect(found.sort()).toEqual(['app/page', 'server/domain/x/z', 'server/realtime/yjs/room-registry']);
  });

  it('no domain, notices or auth file imports the realtime transport', () => {
    const files = ['server/domain', 'server/notices', 'server/auth'].flatMap((dir) => sourceFiles(path.join(root, dir)));
    expect(files.length).toBeGreaterThan(50);
    expect(violations(files, (target) => target === 'server/realtime' || target.startsWith('server/realtime/'))).toEqual([]);
  });

  it('no server file imports the Next app', () => {
    const files = sourceFiles(path.join(root, 'server'));
    expect(violations(files, (target) => target === 'app' || target.startsWith('app/'))).toEqual([]);
  });

  it('no app file queries the database itself', () => {
    const files = sourceFiles(path.join(root, 'app'));
    expect(files.length).toBeGreaterThan(50);
    const touchesTables = (target: string) => target === 'drizzle-orm' || target.startsWith('drizzle-orm/') || target === 'drizzle/schema';
    expect(violations(files, touchesTables, { typesAllowed: true })).toEqual([]);
  });
});
