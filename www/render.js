// @ts-check
// DOM building for the demo: table rows, the error box, the detail's field lists, a download.
// Every value goes in as text (textContent), never as HTML: image fields come from a server.
import { ImsError } from 'ims-client';

import { bytes, formatValue } from './format.js';

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string>} [attrs]
 * @param {(Node | string)[]} [children]
 */
export function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** @param {import('ims-client').Image} img */
function hypervisors(img) {
  return [img.supportKvm && 'KVM', img.supportXen && 'Xen'].filter(Boolean).join(', ');
}

/**
 * One table row; the name is a button, so the detail opens from the keyboard too.
 * @param {import('ims-client').Image} img
 */
export function imageRow(img) {
  const cells = [
    img.imagetype, img.osType, img.platform, img.supportArm === undefined ? '' : img.supportArm ? 'arm' : 'x86', img.osBit,
    img.status, img.visibility, img.minDisk === undefined ? '' : `${img.minDisk} GB`,
    img.imageSize === undefined ? '' : bytes(img.imageSize), hypervisors(img),
    img.supportKvmGpuType ?? img.supportXenGpuType ?? '', (img.tags ?? []).join(', '), img.createdAt?.slice(0, 10),
  ];
  const name = el('button', { type: 'button', class: 'link', 'data-open': img.id ?? '' }, [img.name || img.id || '(no name)']);
  return el('tr', { 'data-id': img.id ?? '' }, [el('th', { scope: 'row' }, [name]), ...cells.map((c) => el('td', {}, [c === undefined ? '' : String(c)]))]);
}

/**
 * A failure as people need it: for an ImsError its kind, HTTP status, service code, request id,
 * attempts and message (never a credential: the client keeps them out of every error).
 * @param {HTMLElement} box
 * @param {unknown} error
 */
export function showError(box, error) {
  box.replaceChildren();
  if (ImsError.is(error)) {
    const facts = [
      ['Kind', error.kind], ['Status', error.status], ['Code', error.code], ['Request id', error.requestId],
      ['Key', error.key], ['Attempts', error.attempts], ['Retryable', error.retryable ? 'yes' : 'no'],
      ['Encoded authorization message', error.encodedAuthorizationMessage],
    ].filter(([, v]) => v !== undefined && v !== '');
    box.append(
      el('p', { class: 'error-title' }, [`Error: ${error.message}`]),
      el('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [el('dt', {}, [String(k)]), el('dd', { 'data-fact': String(k).toLowerCase().replace(/ /g, '-') }, [String(v)])])),
    );
  } else {
    box.append(el('p', { class: 'error-title' }, [`Error: ${String(error)}`]));
  }
  box.hidden = false;
}

/**
 * Fields as a definition list: the JS name, then the value formatted.
 * @param {HTMLElement} dl
 * @param {[string, unknown][]} entries
 */
export function fieldList(dl, entries) {
  dl.replaceChildren(...entries.flatMap(([k, v]) => [el('dt', {}, [el('code', {}, [k])]), el('dd', { 'data-field': k }, [formatValue(k, v)])]));
}

/**
 * Offers `text` as a file download named `name`.
 * @param {string} name
 * @param {string} type a media type
 * @param {string} text
 */
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
