// Passwords for re-created users. Entra never gives a password back, so a user who
// returns by re-creation gets a new one: random, meeting Entra's complexity rule (three
// of upper case, lower case, digits and symbols; here all four), from the system's
// cryptographic generator.
import { randomInt } from 'node:crypto';

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '!#$%&*+-=?@^_';
const LENGTH = 16;

function pick(alphabet: string): string {
  return alphabet[randomInt(alphabet.length)] as string;
}

export function generatePassword(): string {
  const all = UPPER + LOWER + DIGITS + SYMBOLS;
  const characters = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
  while (characters.length < LENGTH) characters.push(pick(all));
  // Fisher–Yates, so the guaranteed classes are not always in front.
  for (let i = characters.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [characters[i], characters[j]] = [characters[j] as string, characters[i] as string];
  }
  return characters.join('');
}
