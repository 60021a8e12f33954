/** The plan time (a wall-clock time in the person's zone) and the link rule, without a database. */
import { describe, expect, it } from 'vitest';
import { experienceIdeaSchema, instantOfLocalTime, parseLocalDateTime } from '../../../server/domain/experiences/experience-input';

const at = (local: string, zone: string) => instantOfLocalTime(parseLocalDateTime(local)!, zone).toISOString();

describe('instantOfLocalTime', () => {
  it('reads the wall-clock time in the given zone, either side of a DST change', () => {
    expect(at('2031-01-15T19:30', 'Europe/London')).toBe('2031-01-15T19:30:00.000Z');
    expect(at('2031-06-15T19:30', 'Europe/London')).toBe('2031-06-15T18:30:00.000Z');
    expect(at('2031-06-15T19:30', 'America/New_York')).toBe('2031-06-15T23:30:00.000Z');
    expect(at('2031-06-15T08:00', 'Asia/Kolkata')).toBe('2031-06-15T02:30:00.000Z');
    expect(at('2031-12-31T23:59', 'Pacific/Kiritimati')).toBe('2031-12-31T09:59:00.000Z');
    // The first minute after London springs forward (01:00 GMT becomes 02:00 BST on 30 March 2031).
    expect(at('2031-03-30T02:00', 'Europe/London')).toBe('2031-03-30T01:00:00.000Z');
    // 01:30 does not exist that night: it lands an hour on, just after the gap, as a clock would.
    expect(at('2031-03-30T01:30', 'Europe/London')).toBe('2031-03-30T01:30:00.000Z');
    // Sydney's clocks go back at 03:00 on 6 April 2031: 03:30 happens twice; the later is taken.
    expect(at('2031-04-06T03:30', 'Australia/Sydney')).toBe('2031-04-05T17:30:00.000Z');
  });

  it('refuses what is not a real calendar time', () => {
    for (const value of ['', '2031-02-29T10:00', '2031-04-31T10:00', '2031-06-15T24:00', '2031-06-15 19:30', '15/06/2031 19:30', '2031-06-15T19:30Z']) {
      expect(parseLocalDateTime(value)).toBeNull();
    }
    expect(parseLocalDateTime('2032-02-29T10:00')).not.toBeNull();
  });
});

describe('links on an idea', () => {
  it('keeps only http(s) links, as the URL parser writes them', () => {
    const link = (value: string) => experienceIdeaSchema.safeParse({ title: 'x', link: value });
    expect(link('https://example.com/a b').data?.link).toBe('https://example.com/a%20b');
    expect(link('HTTP://Example.COM').data?.link).toBe('http://example.com/');
    for (const bad of ['javascript:alert(1)', 'data:text/html,hi', 'file:///etc/passwd', 'mailto:a@b.c', '//example.com', 'example.com']) {
      expect(link(bad).success, bad).toBe(false);
    }
    expect(link('').data?.link).toBeNull();
  });
});
