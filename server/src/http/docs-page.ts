import type { OpenApiDocument, OpenApiOperation } from '@entanglement/shared';

/**
 * The OpenAPI document as one HTML page (GET /api/docs): every path and
 * method with its parameters, body and answers, each schema shown as its
 * JSON. Written on the server, everything escaped, no script and nothing
 * fetched from elsewhere.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const COMPONENT = '#/components/schemas/';
const anchor = (name: string) => `schema-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;

/** A schema: a link to its component when it is one, else its JSON. */
function schemaBlock(schema: unknown, label: string): string {
  const ref = (schema as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith(COMPONENT)) {
    const name = ref.slice(COMPONENT.length);
    return `<p>${escapeHtml(label)}: <a href="#${anchor(name)}">${escapeHtml(name)}</a></p>`;
  }
  return `<details><summary>${escapeHtml(label)}</summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>`;
}

function componentsSection(doc: OpenApiDocument): string {
  const items = Object.entries(doc.components.schemas)
    .map(
      ([name, schema]) =>
        `<details id="${anchor(name)}"><summary><code>${escapeHtml(name)}</code></summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>`,
    )
    .join('');
  return `<section><h2>Schemas</h2><p>A <code>$ref</code> names one of these; <code>…Input</code> and <code>…Body</code> are what a client writes, the others what the server answers.</p>${items}</section>`;
}

function parametersTable(op: OpenApiOperation): string {
  if (op.parameters.length === 0) return '';
  const rows = op.parameters
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.in}</td><td>${p.required ? 'yes' : 'no'}</td><td>${escapeHtml(p.description ?? '')}</td><td><code>${escapeHtml(JSON.stringify(p.schema))}</code></td></tr>`,
    )
    .join('');
  return `<h4>Parameters</h4><table><thead><tr><th>Name</th><th>In</th><th>Required</th><th>Meaning</th><th>Schema</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function operationSection(path: string, method: string, op: OpenApiOperation): string {
  const id = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-');
  const access = op.security
    ? `<p class="access">Credential: ${escapeHtml(
        op.security.some((s) => Object.keys(s).length === 0)
          ? 'optional (any that opens the match: host token, seat pass, share key)'
          : "the match's host token (Authorization: Bearer)",
      )}</p>`
    : '';
  const body = op.requestBody
    ? `<h4>Body</h4>${Object.entries(op.requestBody.content)
        .map(([type, c]) => schemaBlock(c.schema, type))
        .join('')}`
    : '';
  const responses = Object.entries(op.responses)
    .map(([status, r]) => {
      const content = Object.entries(r.content ?? {})
        .map(([type, c]) => schemaBlock(c.schema, type))
        .join('');
      return `<li><strong>${escapeHtml(status)}</strong> ${escapeHtml(r.description)}${content}</li>`;
    })
    .join('');
  return `<section id="${id}"><h3><span class="method">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3><p>${escapeHtml(op.summary)}</p>${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}${access}${parametersTable(op)}${body}<h4>Answers</h4><ul>${responses}</ul></section>`;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d232b}
code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f3f5f7;padding:.5rem;overflow:auto;max-height:30rem}
section{border-top:1px solid #d5dae0;padding-top:.5rem}.method{background:#1d4f7a;color:#fff;padding:0 .4rem;border-radius:3px}
table{border-collapse:collapse}td,th{border:1px solid #d5dae0;padding:.2rem .4rem;text-align:left;vertical-align:top}`;

export function docsPage(doc: OpenApiDocument): string {
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op: op as OpenApiOperation })),
  );
  const index = operations
    .map(
      ({ path, method, op }) =>
        `<li><a href="#${`${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-')}">${method.toUpperCase()} ${escapeHtml(path)}</a>: ${escapeHtml(op.summary)}</li>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(doc.info.title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1><p>${escapeHtml(doc.info.description)}</p><p>The same as OpenAPI 3.1: <a href="/api/openapi.json">/api/openapi.json</a>. Every refusal is JSON <code>{ "error": "…" }</code>; a refused input also lists <code>problems</code>.</p><h2>Routes</h2><ul>${index}</ul>${operations.map(({ path, method, op }) => operationSection(path, method, op)).join('')}${componentsSection(doc)}</body></html>`;
}
