/** What a person types into the account forms, validated the same way in server actions and in the auth provider. */
import { z } from 'zod';

export const emailField = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email({ error: 'Enter an email address like name@example.com.' }));

export const signUpSchema = z.object({
  name: z.string({ error: 'Enter your name.' }).trim().min(1, 'Enter the name your partner knows you by.').max(60, 'Keep your name under 60 characters.'),
  email: emailField,
  password: z
    .string({ error: 'Choose a password.' })
    .min(10, 'Use at least 10 characters.')
    .max(200, 'Use at most 200 characters.'),
});

export const signInSchema = z.object({
  email: emailField,
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(200, 'That password is too long.'),
});
