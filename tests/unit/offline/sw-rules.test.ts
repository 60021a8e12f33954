/**
 * What Mend's service worker keeps on a device (public/sw-rules.js, loaded into the worker with
 * importScripts) and that the worker starts without the push file. The files are run as the browser
 * runs them, in a context of their own, not imported as modules.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';

const publicDir = path.join(process.cwd(), 'public');
const ORIGIN = 'https://mend.example';
const ID = '0f9d4c1e-7a52-4b8e-9c3d-2e1f0a6b7c8d';

interface Rules {
  CACHE_NAMES: { static: string; pages: string };
  cachingFor(request: { url: string; method: string; mode: string }, origin: string): 'page' | 'static' | null;
  keepsStaticFor(clientPath: string): boolean;
  isKeepable(response: { status: number; type: string; redirected: boolean }): boolean;
  isSignedOutEntry(pathname: string): boolean;
  pageKey(url: string): string;
  FALLBACK_HTML: string;
  FALLBACK_HEADERS: Record<string, string>;
}

function loadRules(): Rules {
  const scope: { self: { mendOfflineRules?: Rules }; URL: typeof URL } = { self: {}, URL };
  vm.runInNewContext(readFileSync(path.join(publicDir, 'sw-rules.js'), 'utf8'), scope);
  return scope.self.mendOfflineRules!;
}

const rules = loadRules();
const navigate = (address: string, method = 'GET') => rules.cachingFor({ url: `${ORIGIN}${address}`, method, mode: 'navigate' }, ORIGIN);
const fetchFrom = (address: string) => rules.cachingFor({ url: address.startsWith('http') ? address : `${ORIGIN}${address}`, method: 'GET', mode: 'cors' }, ORIGIN);

describe('which requests the worker keeps', () => {
  it('keeps the page of an agreement and of a journal entry, and no other page', () => {
    expect(navigate(`/agreements/${ID}`)).toBe('page');
    expect(navigate(`/journal/${ID}`)).toBe('page');
    for (const other of ['/space', '/agreements', '/journal', `/notes/${ID}`, `/conversations/${ID}`, '/account', '/sign-in', '/', `/agreements/${ID}/history`, '/agreements/not-an-id']) {
      expect(navigate(other), other).toBeNull();
    }
  });

  it('keeps no page asked for with a query, with another method, or from another site', () => {
    expect(navigate(`/agreements/${ID}?version=2`)).toBeNull();
    expect(navigate(`/agreements/${ID}`, 'POST')).toBeNull();
    expect(rules.cachingFor({ url: `https://elsewhere.example/agreements/${ID}`, method: 'GET', mode: 'navigate' }, ORIGIN)).toBeNull();
  });

  it('keeps build files, icons and the manifest, and never /api, RSC payloads or other sites', () => {
    expect(fetchFrom('/_next/static/chunks/app-3f2a.js')).toBe('static');
    expect(fetchFrom('/_next/static/css/9b1c.css')).toBe('static');
    expect(fetchFrom('/icons/icon-192.png')).toBe('static');
    expect(fetchFrom('/manifest.webmanifest')).toBe('static');
    // A client-side navigation's payload carries the page's data: never kept.
    expect(fetchFrom(`/agreements/${ID}?_rsc=1x2y`)).toBeNull();
    expect(fetchFrom('/api/realtime/token?documentId=x')).toBeNull();
    expect(fetchFrom('/journal/export')).toBeNull();
    expect(fetchFrom('/sw.js')).toBeNull();
    expect(fetchFrom('https://elsewhere.example/_next/static/chunks/a.js')).toBeNull();
    expect(rules.cachingFor({ url: 'not a url', method: 'GET', mode: 'cors' }, ORIGIN)).toBeNull();
  });

  it('keeps build files only for signed-in pages, so a device where nobody is signed in keeps nothing', () => {
    for (const signedIn of ['/home', '/space', `/agreements/${ID}`, '/journal', '/account', '/notes/new']) expect(rules.keepsStaticFor(signedIn), signedIn).toBe(true);
    for (const signedOut of ['/sign-in', '/sign-up', '/', '/invite/abc', '', '/spaces-elsewhere']) expect(rules.keepsStaticFor(signedOut), signedOut).toBe(false);
  });

  it('forgets everything on the sign-in and sign-up pages', () => {
    expect(rules.isSignedOutEntry('/sign-in')).toBe(true);
    expect(rules.isSignedOutEntry('/sign-up')).toBe(true);
    expect(rules.isSignedOutEntry('/space')).toBe(false);
    expect(rules.isSignedOutEntry('/sign-in-help')).toBe(false);
  });

  it('keeps only whole answers: no redirect (to the sign-in page), no error, nothing opaque', () => {
    expect(rules.isKeepable({ status: 200, type: 'basic', redirected: false })).toBe(true);
    expect(rules.isKeepable({ status: 200, type: 'basic', redirected: true })).toBe(false);
    expect(rules.isKeepable({ status: 0, type: 'opaqueredirect', redirected: false })).toBe(false);
    expect(rules.isKeepable({ status: 404, type: 'basic', redirected: false })).toBe(false);
    expect(rules.isKeepable({ status: 200, type: 'opaque', redirected: false })).toBe(false);
  });

  it('stores a page under its address alone', () => {
    expect(rules.pageKey(`${ORIGIN}/journal/${ID}?from=list#top`)).toBe(`${ORIGIN}/journal/${ID}`);
  });

  it('offers an offline page that runs nothing and names no one', () => {
    expect(rules.FALLBACK_HTML).not.toMatch(/<script/i);
    expect(rules.FALLBACK_HEADERS['content-security-policy']).toContain("default-src 'none'");
  });
});

describe('the worker script', () => {
  function startWorker(pushFile: 'missing' | 'present') {
    const listeners: string[] = [];
    const imported: string[] = [];
    const self = {
      addEventListener: (type: string) => listeners.push(type),
      location: { origin: ORIGIN },
      mendOfflineRules: undefined as Rules | undefined,
    };
    const scope = {
      self,
      URL,
      importScripts(url: string) {
        imported.push(url);
        if (url === '/sw-rules.js') return vm.runInContext(readFileSync(path.join(publicDir, 'sw-rules.js'), 'utf8'), context);
        if (url === '/push-sw.js' && pushFile === 'missing') throw new Error("NetworkError: Failed to execute 'importScripts'");
      },
    };
    const context = vm.createContext(scope);
    vm.runInContext(readFileSync(path.join(publicDir, 'sw.js'), 'utf8'), context);
    return { listeners, imported };
  }

  it('starts and handles fetches whether or not the push file exists', () => {
    for (const pushFile of ['missing', 'present'] as const) {
      const worker = startWorker(pushFile);
      expect(worker.imported).toEqual(['/sw-rules.js', '/push-sw.js']);
      expect(worker.listeners).toEqual(expect.arrayContaining(['install', 'activate', 'fetch', 'message']));
    }
  });
});
