/**
 * French forms an English word may have in the corpus, by the regular correspondences of learned
 * vocabulary ("quality" → "qualité", "strategy" → "stratégie", "chronic" → "chronique",
 * "organize" → "organiser"). Candidates only: the caller keeps those the corpus knows.
 */
const SUFFIXES: readonly [RegExp, string[]][] = [
  [/ities$/, ['ités', 'ité']],
  [/ity$/, ['ité']],
  [/ty$/, ['té']],
  [/ies$/, ['ies', 'ie']],
  [/ologists?$/, ['ologue', 'ologues']],
  [/ists?$/, ['iste', 'istes']],
  [/isms?$/, ['isme']],
  [/(?:ical|ic)$/, ['ique', 'ical', 'ic']],
  [/ics$/, ['ique', 'iques']],
  [/(?:iz|is)(?:e|es|ed|ing|ation|ations)$/, ['iser', 'isé', 'isée', 'isation']],
  [/ations?$/, ['ation', 'ations']],
  [/tions?$/, ['tion', 'tions']],
  [/sions?$/, ['sion', 'sions']],
  [/ments?$/, ['ment', 'ments', 'ement']],
  [/ary$/, ['aire', 'aires']],
  [/aries$/, ['aires']],
  [/ory$/, ['oire']],
  [/ous$/, ['eux', 'euse']],
  [/ives?$/, ['if', 'ive', 'ifs']],
  [/ors?$/, ['eur', 'eurs']],
  [/ers$/, ['eurs', 'ers']],
  [/ences?$/, ['ence', 'ences']],
  [/ances?$/, ['ance', 'ances']],
  [/als$/, ['aux', 'als']],
  [/al$/, ['al', 'el', 'elle']],
  [/y$/, ['ie', 'é']],
  [/ed$/, ['é', 'ée', 'er']],
  [/ing$/, ['er', 'ement', 'age']],
  [/es$/, ['es', 'e', '']],
  [/s$/, ['s', '']],
];

export function englishCognates(word: string): string[] {
  if (word.length < 4 || !/^[a-z-]+$/.test(word)) return [];
  const out = new Set<string>([word]);
  for (const [pattern, replacements] of SUFFIXES) {
    if (!pattern.test(word)) continue;
    for (const r of replacements) out.add(word.replace(pattern, r));
  }
  // Initial "s" + consonant often took an "é" in French ("strategy" → "stratégie" keeps it,
  // "study" → "étude" drops it): try the dropped form too.
  if (/^s[ctp]/.test(word)) for (const w of [...out]) out.add(`é${w.slice(1)}`);
  return [...out].filter((w) => w.length >= 3);
}
