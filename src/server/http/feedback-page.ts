/**
 * The evaluation page after a session (issue 24), served by the server at `/feedback/<token>`:
 * plain HTML with a native form, no script, so it works on any phone, with any assistive
 * technology, under the strict CSP. The token (a registration and a session, signed; ids only)
 * is in the path, as the link in the e-mail gives it; no name or address is ever in the URL.
 * Sending redirects back (303) with `?sent=1`, so reloading never sends twice.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { feedbackMessages, FEEDBACK_SCALE, FEEDBACK_TEXT_MAX, type FeedbackAnswers, type Locale } from '../../core/index.js';
import { FEEDBACK_PATH, type FeedbackTarget } from '../services/feedback.js';
import { PAGE_FILE_HEADERS } from './page-shell.js';
import type { RouteDeps } from './reply.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const PAGE_CSS = `html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; color: #1a1a1a; background: #fff; }
body { margin: 0; }
main { max-inline-size: 40rem; margin-inline: auto; padding: 1rem; overflow-wrap: anywhere; }
fieldset { border: 0; padding: 0; margin: 0 0 1.5rem; min-inline-size: 0; }
legend, label.question { display: block; font-weight: 700; margin-block-end: 0.5rem; padding: 0; }
.optional { font-weight: 400; }
.scale { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0; padding: 0; list-style: none; }
.scale li { display: flex; align-items: center; gap: 0.25rem; min-block-size: 44px; padding-inline-end: 0.5rem; }
.scale input { inline-size: 24px; block-size: 24px; margin: 0; }
.hint { color: #4a4a4a; margin: 0 0 0.5rem; }
textarea { display: block; box-sizing: border-box; inline-size: 100%; font: inherit; padding: 0.5rem; border: 2px solid #4a4a4a; border-radius: 4px; }
.field { margin-block-end: 1.5rem; }
.error { color: #b00020; font-weight: 700; margin: 0 0 0.5rem; }
.error-summary { border: 4px solid #b00020; padding: 0 1rem; margin-block-end: 1.5rem; }
.error-summary a { color: #b00020; }
.thanks { border-inline-start: 6px solid #1f6f43; padding: 0 1rem; margin-block-end: 1.5rem; }
button { font: inherit; font-weight: 700; min-block-size: 44px; padding: 0.5rem 1.5rem; border: 2px solid #004488; border-radius: 4px; background: #004488; color: #fff; cursor: pointer; }
:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
`;

type Problems = { id: string; message: string }[];

function question(q: FeedbackTarget['questions'][number], value: unknown, problem: string | undefined, m: ReturnType<typeof feedbackMessages>): string {
  const id = `q-${q.id}`;
  const error = problem ? `<p class="error" id="${id}-error">${esc(problem)}</p>` : '';
  if (q.type === 'scale') {
    const items = Array.from({ length: FEEDBACK_SCALE }, (_, i) => {
      const n = i + 1;
      const word = n === 1 ? ` (${m.scale.low})` : n === FEEDBACK_SCALE ? ` (${m.scale.high})` : '';
      return `<li><input type="radio" id="${id}-${n}" name="${esc(q.id)}" value="${n}"${String(value) === String(n) ? ' checked' : ''} /><label for="${id}-${n}">${n}${esc(word)}</label></li>`;
    }).join('');
    return `<fieldset${problem ? ` aria-describedby="${id}-error"` : ''}><legend>${esc(q.label)} <span class="optional">${esc(m.page.optional)}</span></legend>${error}<ul class="scale">${items}</ul></fieldset>`;
  }
  const text = typeof value === 'string' ? value : '';
  return `<div class="field"><label class="question" for="${id}">${esc(q.label)} <span class="optional">${esc(m.page.optional)}</span></label>${error}<textarea id="${id}" name="${esc(q.id)}" rows="4" maxlength="${FEEDBACK_TEXT_MAX}"${problem ? ` aria-describedby="${id}-error" aria-invalid="true"` : ''}>${esc(text)}</textarea></div>`;
}

function page(locale: Locale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${esc(title)}</title>
    <link rel="stylesheet" href="${FEEDBACK_PATH}/page.css" />
  </head>
  <body>
    <main>
${body}
    </main>
  </body>
</html>
`;
}

function formPage(t: FeedbackTarget, token: string, locale: Locale, state: { values?: Record<string, unknown>; problems?: Problems; sent?: boolean }): string {
  const m = feedbackMessages(locale);
  const values: Record<string, unknown> = state.values ?? (t.previous as FeedbackAnswers | undefined) ?? {};
  const problems = state.problems ?? [];
  const summary = problems.length
    ? `<div class="error-summary" id="problems" role="alert" tabindex="-1" autofocus aria-labelledby="error-heading"><h2 id="error-heading">${esc(m.page.errorHeading)}</h2><ul>${problems
        .map((p) => {
          const q = t.questions.find((x) => x.id === p.id);
          return `<li><a href="#q-${esc(p.id)}${q?.type === 'scale' ? '-1' : ''}">${esc(p.message)}</a></li>`;
        })
        .join('')}</ul></div>`
    : '';
  const thanks = state.sent
    ? `<div class="thanks" id="thanks" role="status" tabindex="-1" autofocus><h2>${esc(m.page.thanksHeading)}</h2><p>${esc(m.page.thanks)}</p></div>`
    : t.previous && !problems.length
      ? `<p class="thanks">${esc(m.page.earlier)}</p>`
      : '';
  const action = `${FEEDBACK_PATH}/${encodeURIComponent(token)}?lang=${locale}`;
  const fields = t.questions.map((q) => question(q, values[q.id], problems.find((p) => p.id === q.id)?.message, m)).join('\n');
  return page(
    locale,
    `${m.page.title} ${t.session.title}`,
    `<h1>${esc(m.page.title)}</h1>
${thanks}${summary}
<p>${esc(m.page.intro(t.session.title, t.network.title))}</p>
<form method="post" action="${esc(action)}" novalidate>
${fields}
<button type="submit">${esc(m.page.submit)}</button>
</form>`,
  );
}

const askedLocale = (req: FastifyRequest): Locale | undefined => {
  const lang = (req.query as { lang?: unknown } | undefined)?.lang;
  return lang === 'en' || lang === 'nl' ? lang : undefined;
};

function send(reply: FastifyReply, csp: string, status: number, html: string) {
  return reply
    .code(status)
    .headers({ ...PAGE_FILE_HEADERS, 'cache-control': 'no-store', 'content-security-policy': `${csp}; frame-ancestors 'none'`, 'x-frame-options': 'DENY' })
    .type('text/html; charset=utf-8')
    .send(html);
}

export function registerFeedbackPage(app: FastifyInstance, { store, limited }: Pick<RouteDeps, 'store' | 'limited'>, options: { csp: string }): void {
  const gone = (reply: FastifyReply, locale: Locale) => {
    const m = feedbackMessages(locale).page;
    return send(reply, options.csp, 404, page(locale, m.goneTitle, `<h1>${esc(m.goneTitle)}</h1>\n<p>${esc(m.gone)}</p>`));
  };
  app.get(`${FEEDBACK_PATH}/page.css`, (_req, reply) => reply.headers(PAGE_FILE_HEADERS).type('text/css; charset=utf-8').send(PAGE_CSS));
  // A form sends application/x-www-form-urlencoded: parsed here, for these routes only.
  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    scope.get(`${FEEDBACK_PATH}/:token`, limited, async (req, reply) => {
      const token = (req.params as { token: string }).token;
      const t = await store.feedback.target(token, askedLocale(req));
      const locale = askedLocale(req) ?? t?.row.locale ?? 'nl';
      if (!t) return gone(reply, locale);
      return send(reply, options.csp, 200, formPage(t, token, locale, { sent: (req.query as { sent?: string }).sent === '1' }));
    });
    scope.post(`${FEEDBACK_PATH}/:token`, limited, async (req, reply) => {
      const token = (req.params as { token: string }).token;
      const t = await store.feedback.target(token, askedLocale(req));
      const locale = askedLocale(req) ?? t?.row.locale ?? 'nl';
      if (!t) return gone(reply, locale);
      const raw = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
      const r = await store.feedback.answer(t, raw, locale);
      if (!r.ok) return send(reply, options.csp, 422, formPage(t, token, locale, { values: raw, problems: r.problems }));
      return reply.code(303).header('cache-control', 'no-store').redirect(`${FEEDBACK_PATH}/${encodeURIComponent(token)}?lang=${locale}&sent=1`, 303);
    });
  });
}
