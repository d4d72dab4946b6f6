import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

export type TMail = { to: string; subject: string; html: string; text: string };

let transport: { url: string; transporter: Transporter } | null = null;

function transporterFor(url: string): Transporter {
  if (transport?.url !== url) {
    transport = {
      url,
      // Bounded: a job holds its notification's row lock while it sends, and retries when this fails.
      transporter: nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }),
    };
  }
  return transport.transporter;
}

/** Whether e-mail can go at all (SMTP_URL is set). */
export function mailConfigured(): boolean {
  return env.SMTP_URL !== undefined;
}

/**
 * Sends one message through SMTP_URL. Throws when the server refuses or cannot be reached: the
 * calling job fails and pg-boss retries it with backoff.
 */
export async function sendMail(mail: TMail): Promise<void> {
  if (!env.SMTP_URL) throw new Error("SMTP_URL is not set");
  await transporterFor(env.SMTP_URL).sendMail({ from: env.MAIL_FROM, to: mail.to, subject: mail.subject, html: mail.html, text: mail.text });
}
