/**
 * Words of the same French family as `word` (lower case, accented), by the regular alternations of
 * French derivation: verb ↔ action noun ("supprimer" ↔ "suppression", "élargir" ↔ "élargissement",
 * "réduire" ↔ "réduction"), adjective ↔ quality noun, noun ↔ relational adjective. Candidates only:
 * the caller keeps those whose stem the corpus knows.
 */
const PAIRS: readonly [string, string][] = [
  ['er', 'ation'],
  ['er', 'ement'],
  ['er', 'age'],
  ['er', 'ure'],
  ['er', 'eur'],
  ['er', 'eture'],
  ['ir', 'issement'],
  ['ir', 'ition'],
  ['rir', 'rture'],
  ['imer', 'ession'],
  ['uire', 'uction'],
  ['endre', 'ension'],
  ['cevoir', 'ception'],
  ['mettre', 'mission'],
  ['oudre', 'olution'],
  ['crire', 'cription'],
  ['venir', 'vention'],
  ['poser', 'position'],
  ['fier', 'fication'],
  ['iser', 'isation'],
  ['uer', 'ution'],
  ['eindre', 'einte'],
  ['able', 'abilité'],
  ['ible', 'ibilité'],
  ['if', 'ivité'],
  ['al', 'alité'],
  ['ion', 'ionnel'],
  ['ion', 'ional'],
  ['ité', 'itaire'],
];

/** Latin prefixes French spells two ways within one family ("étendre" / "extension"). */
const PREFIXES: readonly [string, string][] = [['éten', 'exten']];

/** Participles and inflections back to the infinitive the pairs start from ("élargi" → "élargir"). */
function bases(word: string): string[] {
  const out = new Set([word]);
  const m = /^(.{3,}?)(ées|és|ée|é)$/.exec(word);
  if (m) out.add(`${m[1]}er`);
  const i = /^(.{3,}?)(ies|is|ie|it|i)$/.exec(word);
  if (i) out.add(`${i[1]}ir`);
  const s = /^(.{4,}?)s$/.exec(word);
  if (s) out.add(s[1]!);
  return [...out];
}

export function wordFamily(word: string): string[] {
  if (word.length < 5) return [];
  const out = new Set<string>();
  for (const base of bases(word)) {
    for (const [a, b] of PAIRS) {
      if (base.endsWith(a) && base.length - a.length >= 2) out.add(base.slice(0, -a.length) + b);
      if (base.endsWith(b) && base.length - b.length >= 2) out.add(base.slice(0, -b.length) + a);
    }
  }
  for (const form of [word, ...out]) {
    for (const [a, b] of PREFIXES) {
      if (form.startsWith(a)) out.add(b + form.slice(a.length));
      if (form.startsWith(b)) out.add(a + form.slice(b.length));
    }
  }
  out.delete(word);
  return [...out];
}
