import { hash, verify } from "@node-rs/argon2";

// argon2id (the library's default algorithm; its enum is a const enum that isolatedModules cannot
// import) with OWASP's recommended minimum: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Burns the same time as a real verification. Used when the account does not exist or is locked,
 * so the answer's timing does not tell whether an e-mail is registered.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("owes-dummy-password-for-timing");
  await verifyPassword(await dummyHash, password);
  return false;
}
