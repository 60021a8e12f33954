'use client';

export function PrintButton() {
  return (
    <button type="button" className="secondary" style={{ width: 'auto', margin: 0 }} onClick={() => window.print()}>
      Print
    </button>
  );
}
