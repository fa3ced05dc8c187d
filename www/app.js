// The demo: a filter form over listImages / glanceListImages, one page at a time, with the
// page's nextMarker for "Next" and a stack of earlier markers for "Previous".
import { ImsClient, ImsError } from '/pkg/index.mjs';

const form = document.querySelector('#filters');
const status = document.querySelector('#status');
const table = document.querySelector('#results');
const tbody = table.querySelector('tbody');
const prevBtn = document.querySelector('#prev');
const nextBtn = document.querySelector('#next');
const pageLabel = document.querySelector('#page');

let markers = [undefined]; // markers[i] starts page i
let pageIndex = 0;
let nextMarker;
let controller;

function query() {
  const f = new FormData(form);
  const q = { sortKey: f.get('sortKey'), sortDir: f.get('sortDir'), limit: Number(f.get('limit')) };
  for (const k of ['imagetype', 'osType', 'platform', 'osBit', 'name']) if (f.get(k)) q[k] = f.get(k);
  const tags = String(f.get('tag')).split(',').map((t) => t.trim()).filter(Boolean);
  if (tags.length) q.tag = tags;
  if (f.get('createdAfter')) q.createdAt = { op: 'gte', time: new Date(`${f.get('createdAfter')}T00:00:00Z`) };
  return q;
}

const cell = (text) => { const td = document.createElement('td'); td.textContent = text ?? ''; return td; };

async function load() {
  controller?.abort();
  controller = new AbortController();
  const f = new FormData(form);
  const api = f.get('api');
  const q = query();
  if (markers[pageIndex]) q.marker = markers[pageIndex];
  status.textContent = 'Loading…';
  try {
    const client = new ImsClient({ endpoint: f.get('endpoint') });
    const started = performance.now();
    const page = await client[api](q, { signal: controller.signal });
    tbody.replaceChildren(...page.images.map((img) => {
      const tr = document.createElement('tr');
      tr.append(cell(img.name), cell(img.imagetype), cell(img.osType), cell(img.platform), cell(img.osBit), cell(img.hwFirmwareType),
        cell(img.minDisk), cell(img.supportKvm ? 'yes' : ''), cell((img.tags ?? []).join(', ')), cell(img.createdAt?.slice(0, 10)));
      return tr;
    }));
    table.hidden = false;
    nextMarker = page.nextMarker;
    status.textContent = `${page.images.length} images in ${Math.round(performance.now() - started)} ms`;
  } catch (e) {
    if (ImsError.is(e) && e.kind === 'aborted') return;
    tbody.replaceChildren();
    nextMarker = undefined;
    status.textContent = ImsError.is(e) ? `Error (${e.kind}${e.key ? `, ${e.key}` : ''}${e.status ? `, HTTP ${e.status}` : ''}): ${e.message}` : String(e);
  }
  prevBtn.disabled = pageIndex === 0;
  nextBtn.disabled = !nextMarker;
  pageLabel.textContent = `Page ${pageIndex + 1}`;
}

form.addEventListener('submit', (ev) => { ev.preventDefault(); markers = [undefined]; pageIndex = 0; load(); });
nextBtn.addEventListener('click', () => { markers[pageIndex + 1] = nextMarker; pageIndex += 1; load(); });
prevBtn.addEventListener('click', () => { pageIndex -= 1; load(); });

const config = await (await fetch('/config.json')).json().catch(() => ({}));
form.endpoint.value = config.endpoint ?? 'http://127.0.0.1:8081';
load();
