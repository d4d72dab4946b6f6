export type CaughtMail = { id: number; from: string; to: string[]; subject: string; text: string; html: string; receivedAt: string };
export type CatcherOptions = { port?: number; host?: string; httpPort?: number; refuseFirst?: number; log?: (line: string) => void };
export type MailCatcher = {
  port: number;
  httpPort: number | null;
  url: string;
  messages: CaughtMail[];
  readonly refused: number;
  clear(): void;
  waitFor(match: (m: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  close(): Promise<void>;
};
export function startMailCatcher(options?: CatcherOptions): Promise<MailCatcher>;
