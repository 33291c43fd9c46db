/**
 * The page's small tools: building elements (text only, never HTML),
 * translating with the embedded sentences, and a few shared pieces (a
 * countdown bar, a ranking list).
 *
 * Like every file of web/app/, it holds only function declarations and
 * types: the server sends each function's source to the browser
 * (web/script.ts), where they call one another by name.
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import type { WebDocument, WebElement, WebEvent } from "./dom.ts";
import type { App, WebTemplate } from "./types.ts";

declare const document: WebDocument;

/** Properties of an element made by {@linkcode h}. */
export interface Props {
  /** Class attribute. */
  class?: string;
  /** Text content. */
  text?: string;
  /** Other attributes. */
  attrs?: Record<string, string>;
  /** Click handler. */
  onclick?: (event: WebEvent) => void;
}

/**
 * An HTML element with properties and children (strings become text).
 *
 * @param tag element name
 * @param props class, text, attributes, click handler
 * @param children elements or text
 */
export function h(
  tag: string,
  props: Props = {},
  ...children: (WebElement | string | null)[]
): WebElement {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.text !== undefined) el.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) el.setAttribute(k, v);
  if (props.onclick) el.addEventListener("click", props.onclick);
  for (const c of children) if (c !== null) el.append(c);
  return el;
}

/**
 * An SVG element with attributes.
 *
 * @param tag element name (`svg`, `path`, `circle`...)
 * @param attrs attributes
 */
export function svg(
  tag: string,
  attrs: Record<string, string | number>,
): WebElement {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/**
 * A sentence: the template of `key` in `lang` (English, then the key, when
 * missing), its plural form by `params.n`, `{name}` filled; in French « de »
 * and « que » before a parameter starting with a vowel or an h are elided.
 *
 * @param strings the embedded sentences
 * @param lang language
 * @param key sentence key
 * @param params values of the placeholders
 */
export function translate(
  strings: Record<Lang, Record<string, WebTemplate>>,
  lang: Lang,
  key: string,
  params: Record<string, string | number> = {},
): string {
  const template: WebTemplate = strings[lang]?.[key] ?? strings.en?.[key] ??
    key;
  let text: string;
  if (typeof template === "string") text = template;
  else {
    const n = params.n;
    const form = typeof n === "number"
      ? new Intl.PluralRules(lang).select(n)
      : "other";
    text = template[form] ?? template.other ?? key;
  }
  return text.replace(
    /(\b(?:d|qu)e )?\{(\w+)\}/g,
    (all: string, before: string | undefined, name: string) => {
      if (!Object.hasOwn(params, name)) return all;
      const value = String(params[name]);
      if (
        before && lang === "fr" && /^[aeiouyhàâäéèêëîïôöùûüœæ]/i.test(value)
      ) {
        return before.slice(0, -2) + "'" + value;
      }
      return (before ?? "") + value;
    },
  );
}

/**
 * Whole seconds to show for a time left in ms (rounded up; 0 when past).
 *
 * @param ms milliseconds left
 */
export function seconds(ms: number | null): number {
  return ms === null ? 0 : Math.max(0, Math.ceil(ms / 1000));
}

/**
 * A countdown: seconds and a bar that shrinks; `set` moves it.
 */
export function countdown(): {
  root: WebElement;
  set(leftMs: number | null, totalMs: number | null): void;
} {
  const fill = h("span", { class: "bar-fill" });
  const label = h("span", { class: "count-s" });
  const root = h(
    "div",
    { class: "countdown" },
    h("span", { class: "bar" }, fill),
    label,
  );
  return {
    root,
    set(leftMs, totalMs) {
      root.hidden = leftMs === null;
      if (leftMs === null) return;
      const ratio = totalMs ? Math.max(0, Math.min(1, leftMs / totalMs)) : 0;
      fill.style.setProperty("width", `${(ratio * 100).toFixed(1)}%`);
      root.classList.toggle("urgent", leftMs < 5000);
      label.textContent = `${seconds(leftMs)} s`;
    },
  };
}

/**
 * A ranking as an ordered list: rank, nickname, points; this page's player
 * marked.
 *
 * @param app the page
 * @param rows best first
 */
export function rankingList(
  app: App,
  rows: { rank: number; nickname: string; points: number }[],
): WebElement {
  return h(
    "ol",
    { class: "ranking" },
    ...rows.map((r) =>
      h(
        "li",
        { class: r.nickname === app.me?.nickname ? "mine" : "" },
        h("span", { class: "rank", text: String(r.rank) }),
        h("span", { class: "name", text: r.nickname }),
        h("span", { class: "pts", text: String(r.points) }),
      )
    ),
  );
}
