// A module of its own: the document check (document-rules.ts) needs only this one pattern of text.ts.

/** Half a surrogate pair, alone: not text at all, and PostgreSQL refuses it in jsonb. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
