/**
 * The few browser DOM types the page's code uses, declared here so that the
 * page is type-checked with the rest of the program (Deno's own library has
 * no DOM). Types only: nothing here reaches the browser.
 *
 * @module
 */

/** Event listeners' argument: what the page reads of an event. */
export interface WebEvent {
  /** Stops the browser's default action (a form's submit). */
  preventDefault(): void;
  /** The key pressed (keyboard events). */
  readonly key?: string;
}

/** An HTML or SVG element, with the properties the page touches. */
export interface WebElement {
  /** Text content (the only way the page puts text in). */
  textContent: string | null;
  /** Class attribute. */
  className: string;
  /** Hidden attribute. */
  hidden: boolean;
  /** Form controls: value. */
  value: string;
  /** Form controls: disabled. */
  disabled: boolean;
  /** Checkboxes. */
  checked: boolean;
  /** Scroll position (logs). */
  scrollTop: number;
  /** Scrollable height (logs). */
  readonly scrollHeight: number;
  /** Inline style. */
  readonly style: { setProperty(name: string, value: string): void };
  /** Class list. */
  readonly classList: {
    toggle(name: string, force?: boolean): boolean;
    contains(name: string): boolean;
  };
  /** Sets an attribute. */
  setAttribute(name: string, value: string): void;
  /** Removes an attribute. */
  removeAttribute(name: string): void;
  /** Number of child elements. */
  readonly childElementCount: number;
  /** The first child element. */
  readonly firstElementChild: WebElement | null;
  /** Takes the element out of the page. */
  remove(): void;
  /** Adds children at the end. */
  append(...nodes: (WebElement | string)[]): void;
  /** Replaces every child. */
  replaceChildren(...nodes: (WebElement | string)[]): void;
  /** Listens to an event. */
  addEventListener(type: string, listener: (event: WebEvent) => void): void;
  /** Gives the element the focus. */
  focus(): void;
}

/** The document. */
export interface WebDocument {
  /** Makes an HTML element. */
  createElement(tag: string): WebElement;
  /** Makes an element in a namespace (SVG). */
  createElementNS(namespace: string, tag: string): WebElement;
  /** An element by id. */
  getElementById(id: string): WebElement | null;
  /** The root element (`lang` attribute, scroll width). */
  readonly documentElement: WebElement & {
    lang: string;
    readonly scrollWidth: number;
  };
  /** The window's title. */
  title: string;
  /** `visible` or `hidden` (a phone's screen off, another tab). */
  readonly visibilityState: string;
  /** Listens to document events (`visibilitychange`). */
  addEventListener(type: string, listener: () => void): void;
}

/** What the page reads of `location`. */
export interface WebLocation {
  /** `http:` or `https:`. */
  readonly protocol: string;
  /** Host and port the page was loaded from. */
  readonly host: string;
  /** The host's address alone. */
  readonly hostname: string;
  /** The page's path (`/`, `/screen`). */
  readonly pathname: string;
  /** Reloads the page. */
  reload(): void;
  /** The fragment, `#...` or empty. */
  readonly hash: string;
  /** Goes to another page. */
  assign(url: string): void;
}

/** What the page uses of `history`. */
export interface WebHistory {
  /** Replaces the current address (clears a fragment). */
  replaceState(data: null, unused: string, url: string): void;
}

/** What the page reads of `navigator`. */
export interface WebNavigator {
  /** The browser's preferred language, e.g. `fr-FR`. */
  readonly language: string;
}
