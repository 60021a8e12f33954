/** What a person may send about a journal entry. */
import { z } from 'zod';
import { optionalFeelingsSchema } from '../feelings/feeling-input';

export const journalEntrySchema = z.object({
  entryDate: z.iso.date({ error: 'Pick a date for this entry.' }),
  feelings: optionalFeelingsSchema,
});
export type JournalEntryInput = z.infer<typeof journalEntrySchema>;
