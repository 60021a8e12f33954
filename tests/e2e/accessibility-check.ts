/**
 * Runs axe-core on the page as it is now and describes what it found, one readable block per rule.
 * Every default rule runs, plus "visible text is part of the accessible name" (WCAG 2.5.3), which axe
 * marks experimental: people who drive a computer by voice say what they see on a button.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

const BLOCKING = new Set(['serious', 'critical']);

export async function findAccessibilityProblems(page: Page): Promise<{ blocking: AxeFinding[]; other: AxeFinding[] }> {
  const results = await new AxeBuilder({ page }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } }).analyze();
  const findings = results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact ?? 'unknown',
    help: violation.help,
    targets: violation.nodes.map((node) => `${node.target.join(' ')}${node.failureSummary ? `\n        ${node.failureSummary.replace(/\n/g, '\n        ')}` : ''}`),
  }));
  return {
    blocking: findings.filter((finding) => BLOCKING.has(finding.impact)),
    other: findings.filter((finding) => !BLOCKING.has(finding.impact)),
  };
}

export function describeFindings(where: string, findings: AxeFinding[]): string {
  return findings
    .map((finding) => `${where}: [${finding.impact}] ${finding.rule}: ${finding.help}\n${finding.targets.map((target) => `    at ${target}`).join('\n')}`)
    .join('\n');
}
