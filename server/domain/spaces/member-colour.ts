/**
 * Each seat has a colour, used for carets, authorship in diffs and charts. Two calm colours that
 * stay distinguishable for the common kinds of colour blindness and keep 4.5:1 contrast on white.
 */
const SEAT_COLOURS = { 1: '#0f766e', 2: '#9d174d' } as const;

export function colourForSeat(seat: number): string {
  return seat === 2 ? SEAT_COLOURS[2] : SEAT_COLOURS[1];
}
