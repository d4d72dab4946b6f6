import type { TLocale } from "./config";

/**
 * The messages of app/global-error.tsx, which replaces the root layout when that layout — and with
 * it the loading of messages — failed. They are copies of their keys in messages/pl.json and
 * messages/en.json, because a client component importing those files ships both whole (~90 kB) on
 * every page; tests/unit/i18n/fallback-messages.test.ts fails when a copy differs from its original.
 */
export const FALLBACK_MESSAGES = {
  pl: {
    common: { productName: "OWES — Ścieżki Wsparcia" },
    errorPages: {
      startPage: "Przejdź do strony startowej",
      dashboard: "Przejdź do pulpitu",
      error: {
        title: "Nie udało się wyświetlić strony",
        lead: "System nie może teraz przygotować tej strony — na przykład baza danych jest chwilowo niedostępna albo wystąpił nieoczekiwany błąd.",
        whatToDo:
          "Spróbuj ponownie za chwilę: ta sama strona zostanie wczytana jeszcze raz. Jeśli błąd się powtarza, podaj administratorowi ośrodka numer zgłoszenia.",
        retry: "Spróbuj ponownie",
        reference: "Numer zgłoszenia: {digest}",
      },
    },
  },
  en: {
    common: { productName: "OWES — Support Paths" },
    errorPages: {
      startPage: "Go to the start page",
      dashboard: "Go to the dashboard",
      error: {
        title: "This page could not be shown",
        lead: "The system cannot prepare this page right now — for example, the database is temporarily unavailable or an unexpected error occurred.",
        whatToDo:
          "Try again in a moment: the same page will be loaded again. If the error persists, give the centre's administrator the reference number.",
        retry: "Try again",
        reference: "Reference number: {digest}",
      },
    },
  },
} satisfies Record<TLocale, unknown>;
