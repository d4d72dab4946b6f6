import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";

/** A server component rendered to HTML, as the browser receives it. */
export function render<P extends object>(component: FunctionComponent<P>, props: P): string {
  return renderToStaticMarkup(createElement(component, props));
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'" };

/** Text content: tags read as spaces, entities decoded, whitespace collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#x27);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, " ")
    .trim();
}

/** The attributes of an opening tag. */
export function attributesOf(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map((match) => [match[1], textOf(match[2] ?? "")]));
}

/** Every opening tag of an element, with its attributes. */
export function tagsOf(html: string, name: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, "g"))].map((match) => attributesOf(match[0]));
}

/** The drawn bar of `key` (its `data-bar`): where it starts and how long it is, in percent of the chart's width. */
export function bar(html: string, key: string): { x: number; width: number } {
  const rect = tagsOf(html, "rect").find((attributes) => attributes["data-bar"] === key);
  if (!rect) throw new Error(`no bar ${key}`);
  const percent = (value: string | undefined) => {
    if (value === "0") return 0;
    if (!value?.endsWith("%")) throw new Error(`bar ${key} is not sized in percent: ${value}`);
    return Number(value.slice(0, -1));
  };
  return { x: percent(rect.x), width: percent(rect.width) };
}

/** The cells of a table's rows (header row first), as text. */
export function tableRows(html: string): string[][] {
  const table = html.match(/<table\b[\s\S]*?<\/table>/)?.[0];
  if (!table) throw new Error("no table");
  return [...table.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...(row[1] ?? "").matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => textOf(cell[1] ?? "")));
}

/** The links: their href and text. */
export function linksOf(html: string): { href: string; text: string }[] {
  return [...html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)].map((match) => ({ href: attributesOf(match[1] ?? "").href ?? "", text: textOf(match[2] ?? "") }));
}
