/** What the signup tests share: calls to the test API, shadow-root lookups, waiting for a state, filling the form. */

/** POSTs JSON to the reference server (or its test-only routes). */
export const post = (path: string, body: unknown = {}) => fetch(path, { method: 'POST', body: JSON.stringify(body) });

/** The first match inside an element's shadow root. */
export const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector(sel) as T;

/** Waits until `check` holds (checked every frame-ish, up to 5 s), naming what it waited for when it gives up. */
export async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Presses the form's submit button and waits for the element's next render. */
export async function submit(el: Element & { updateComplete: Promise<unknown> }): Promise<void> {
  $<HTMLButtonElement>(el, 'button[type="submit"]').click();
  await el.updateComplete;
}

/** Waits for the outcome screen after sending; its heading. */
export async function outcome(el: Element & { updateComplete: Promise<unknown> }): Promise<HTMLElement> {
  await until(() => !!$(el, '#outcome-heading'), 'the outcome screen');
  await el.updateComplete;
  return $(el, '#outcome-heading');
}

/** Sets form controls by name, as a person's input would, with the change event the form listens for. */
export function fill(el: Element, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const control = el.shadowRoot!.querySelector(`[name="${name}"]`) as HTMLInputElement | HTMLSelectElement;
    if (!control) throw new Error(`no field ${name}`);
    control.value = value;
    control.dispatchEvent(new Event('change', { bubbles: true }));
  }
}
