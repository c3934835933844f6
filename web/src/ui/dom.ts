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
