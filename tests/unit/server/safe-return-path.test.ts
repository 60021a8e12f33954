import { describe, expect, it } from 'vitest';
import { safeReturnPath } from '../../../app/_lib/safe-return-path';

/**
 * Each of these, put in a Location header or assigned to `location`, would lead a browser off Mend
 * (or run script) once tabs, newlines and backslashes are read the way browsers read them.
 */
const leavesMend = [
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '\\/evil.example',
  '\\\\evil.example',
  '/\t/evil.example',
  '\t//evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  ' //evil.example',
  '/%09/evil.example',
  '%2F%2Fevil.example',
  '/%2F%2Fevil.example',
  '/%2F/evil.example',
  '/%5Cevil.example',
  '/%5C%5Cevil.example',
  '/%252F%252Fevil.example',
  '/%25252F%25252Fevil.example',
  '/.//evil.example',
  '/./\\evil.example',
  'https://evil.example',
  'HTTPS://evil.example/space',
  'http:evil.example',
  'https:/evil.example',
  '//mend.invalid@evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  '\u0000javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'evil.example',
  '/%E0%A4%A',
  '',
];

const staysOnMend: Array<[string, string]> = [
  ['/space', '/space'],
  ['/journal/8d0e2f53-1c43-4b8e-9a5f-5f2b4e0f7d11', '/journal/8d0e2f53-1c43-4b8e-9a5f-5f2b4e0f7d11'],
  ['/invite/abc-DEF_123', '/invite/abc-DEF_123'],
  ['/agreements?archived=1#top', '/agreements?archived=1#top'],
  ['/notes/../space', '/space'],
  ['/a b', '/a%20b'],
];

describe('safeReturnPath', () => {
  it.each(leavesMend)('refuses %j and falls back', (value) => {
    expect(safeReturnPath(value, '/space')).toBe('/space');
  });

  it.each(staysOnMend)('keeps the same-site path %j as %j', (value, expected) => {
    expect(safeReturnPath(value, '/space')).toBe(expected);
  });

  it('falls back for anything that is not text (a file in a form, nothing at all)', () => {
    expect(safeReturnPath(null, '/space')).toBe('/space');
    expect(safeReturnPath(undefined, '/space')).toBe('/space');
    expect(safeReturnPath(new File(['x'], 'x.txt'), '/space')).toBe('/space');
  });

  it('never returns something a browser would resolve to another origin', () => {
    // Whatever is accepted must resolve on the page's own origin, wherever Mend runs.
    for (const value of [...leavesMend, ...staysOnMend.map(([input]) => input)]) {
      const result = safeReturnPath(value, '/space');
      expect(new URL(result, 'https://mend.example').origin).toBe('https://mend.example');
      expect(result.startsWith('/') && !result.startsWith('//') && !result.includes('\\')).toBe(true);
    }
  });
});
