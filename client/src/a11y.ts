/**
 * H5 only. Taro's React components draw Button as a <div class="taro-button-core"> and a Picker
 * as a <div> that opens on a click (its 取消/确定 as divs too): none takes keyboard focus or tells
 * a screen reader what it is, so every NutUI button would be out of reach for a keyboard. This
 * gives each one, as it appears, a role, a place in the tab order (none while disabled) and
 * Enter/Space, in one place instead of at every button. Our pickers mark their host with
 * `gh-picker-host` (components/Form.tsx). The mini-program has native buttons: nothing happens there.
 */
const CONTROLS = '.taro-button-core, .gh-picker-host > div:first-child, .taro-picker__action';

function isDisabled(el: Element): boolean {
  const attr = el.getAttribute('disabled');
  return (attr !== null && attr !== 'false') || el.classList.contains('nut-button-disabled');
}

function describe(el: Element): void {
  if (!el.hasAttribute('role')) el.setAttribute('role', 'button');
  const disabled = isDisabled(el);
  const tabIndex = disabled ? '-1' : '0';
  if (el.getAttribute('tabindex') !== tabIndex) el.setAttribute('tabindex', tabIndex);
  if (disabled) el.setAttribute('aria-disabled', 'true');
  else if (el.hasAttribute('aria-disabled')) el.removeAttribute('aria-disabled');
}

export function makeTaroControlsAccessible(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined' || typeof MutationObserver === 'undefined') return;
  const root = document.documentElement;
  const scan = (node: Node) => {
    if (!(node instanceof Element)) return;
    if (node.matches(CONTROLS)) describe(node);
    node.querySelectorAll(CONTROLS).forEach(describe);
  };
  scan(root);
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') {
        if (r.target instanceof Element && r.target.matches(CONTROLS)) describe(r.target);
      } else r.addedNodes.forEach(scan);
    }
  }).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'class'] });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const target = e.target;
    if (!(target instanceof HTMLElement) || !target.matches(CONTROLS) || isDisabled(target)) return;
    e.preventDefault();
    target.click();
  });
}
