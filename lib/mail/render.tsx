import "server-only";
import { Body } from "@react-email/body";
import { Button } from "@react-email/button";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Heading } from "@react-email/heading";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Preview } from "@react-email/preview";
import { render } from "@react-email/render";
import { Text } from "@react-email/text";
import { createTranslator } from "use-intl/core";
import type { ReactElement, ReactNode } from "react";
import { TIME_ZONE } from "@/lib/dates";
import { env } from "@/lib/env";
import { DEFAULT_LOCALE, isLocale, type TLocale } from "@/lib/i18n/config";
import en from "@/lib/i18n/messages/en.json";
import pl from "@/lib/i18n/messages/pl.json";

/**
 * E-mail is written as React components (react-email) and rendered twice: HTML and a plain-text
 * part of the same content. Texts come from the app's messages (namespace `mail`), in the
 * recipient's language (user.locale).
 */

const MESSAGES = { pl, en } as const;

export function mailLocale(value: string | null | undefined): TLocale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/** A translator for e-mail texts in `locale` (outside a request: no Next.js context needed). */
export function mailTranslator(locale: TLocale) {
  return createTranslator({ locale, messages: MESSAGES[locale], timeZone: TIME_ZONE });
}

/** An absolute link into the app (APP_URL + an app path such as `/paths/<id>`). */
export function appLink(path: string): string {
  return `${env.APP_URL}${path.startsWith("/") ? path : `/${path}`}`;
}

export type TRenderedMail = { subject: string; html: string; text: string };

export async function renderMail(subject: string, element: ReactElement): Promise<TRenderedMail> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject, html, text };
}

const styles = {
  body: { backgroundColor: "#f1f5f9", fontFamily: "Arial, Helvetica, sans-serif", color: "#0f172a" },
  container: { backgroundColor: "#ffffff", padding: "24px", maxWidth: "560px", margin: "24px auto", borderRadius: "8px" },
  heading: { fontSize: "20px", margin: "0 0 16px" },
  text: { fontSize: "15px", lineHeight: "22px" },
  button: { backgroundColor: "#1e40af", color: "#ffffff", padding: "10px 16px", borderRadius: "6px", fontWeight: 600 },
  footer: { fontSize: "12px", lineHeight: "18px", color: "#475569" },
} as const;

/** The frame of every e-mail: language, preview line, heading, content and a footer saying why it came. */
export function MailLayout({ locale, preview, heading, footer, children }: { locale: TLocale; preview: string; heading: string; footer: string; children: ReactNode }) {
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          {children}
          <Hr />
          <Text style={styles.footer}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export function MailText({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

/** The main action: a button in HTML; in plain text its label followed by the full link. */
export function MailButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Button href={href} style={styles.button}>
      {children}
    </Button>
  );
}
