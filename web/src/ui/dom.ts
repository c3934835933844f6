// A small helper to build DOM: h("button", { class: "x", onclick }, "text", child).

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | EventListener | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.replace(/^on/, ""), value);
    else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child instanceof Node ? child : String(child));
  return element;
}

export function replace(container: Element, ...children: Child[]): void {
  container.replaceChildren(...children.filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false).map((c) => (c instanceof Node ? c : String(c))));
}

/** What each container was last given by `replaceIfChanged`, as copies the page never touches. */
const rendered = new WeakMap<Element, Node[]>();

/**
 * Replaces the container's children only when what they would show differs (tags, attributes and
 * text, by `isEqualNode`) from what it was last given. A panel rebuilt on every live frame keeps,
 * when nothing it shows changed, what the person is typing or has picked, their focus, and the
 * nodes a screen reader is on. It compares with copies, not the live nodes: the browser and its
 * tools touch those (a `style` attribute appears on an input once it is used). Returns whether it
 * replaced them; a container given to it should not also be given to `replace`.
 */
export function replaceIfChanged(container: Element, ...children: Child[]): boolean {
  const next = children.filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false).map((c) => (c instanceof Node ? c : document.createTextNode(String(c))));
  const last = rendered.get(container);
  if (last && last.length === next.length && next.every((node, i) => node.isEqualNode(last[i]))) return false;
  rendered.set(container, next.map((node) => node.cloneNode(true)));
  container.replaceChildren(...next);
  return true;
}

/** A select of values with their labels; `selected` preselects one. */
export function select(name: string, values: Array<[string, string]>, selected = "", attributes: Attributes = {}): HTMLSelectElement {
  return h("select", { name, ...attributes }, ...values.map(([value, label]) => h("option", { value, selected: value === selected }, label)));
}

/** Runs a render at most once per frame, however many store events arrive. */
export function throttled(render: () => void): () => void {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      render();
    });
  };
}

/** Runs the action once, a while after the first of any number of calls: for fetches that follow changes. */
export function debounced(action: () => void, ms: number): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      action();
    }, ms);
  };
}
