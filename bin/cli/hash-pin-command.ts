import type { Command } from 'commander';
import { PIN_HASH_PATTERN } from '../../core/clerks';
import { hashPin } from '../../hub/clerks/pin-hash';

/** `motcua hash-pin`: a clerk's or officer's PIN on stdin → the `pinHash` to put in the centre config. */
export async function runHashPinCommand(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const pin = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (!/^\d{4,12}$/.test(pin)) throw new Error('Mã PIN gồm 4–12 chữ số (đọc từ stdin, ví dụ: echo 1234 | motcua hash-pin).');
  const hash = hashPin(pin);
  if (!PIN_HASH_PATTERN.test(hash)) throw new Error('internal: the hash does not have the expected shape');
  console.log(hash);
}

export function registerHashPinCommand(program: Command): void {
  program
    .command('hash-pin')
    .description('read a PIN on stdin and print its scrypt hash for "pinHash" of a clerk or officer in the centre config')
    .action(runHashPinCommand);
}
