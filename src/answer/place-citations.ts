import type { DocumentCatalogue } from '../documents/document-catalogue.js';
import type { Answer, Citation } from '../domain/types.js';

/** A citation with its page (from its quote's first line), its document's date and its link. */
export function placeCitation(citation: Citation, documents: DocumentCatalogue | undefined): Citation {
  const page = documents?.pageOf(citation.source, (citation.focus ?? citation.lines)[0]) ?? null;
  return { ...citation, page, date: documents?.get(citation.source)?.date ?? null, link: documents?.linkOf(citation.source, page) ?? null };
}

/** Every citation and suggestion of an answer placed: page, date, link. */
export function placeCitations(answer: Answer, documents: DocumentCatalogue | undefined): Answer {
  return {
    ...answer,
    citations: answer.citations.map((c) => placeCitation(c, documents)),
    suggestions: answer.suggestions.map((c) => placeCitation(c, documents)),
  };
}
