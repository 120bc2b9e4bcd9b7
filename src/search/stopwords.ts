/** French question and function words that carry no topic (folded, unstemmed). */
export const FRENCH_STOPWORDS = new Set(
  `a au aux avec ce ces cet cette dans de des du elle en est et etait etre eu il ils je la le les leur leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sont sur ta te tes toi ton tu un une vos votre vous y
  c d j l m n s t
  quel quelle quels quelles quoi comment combien quand pourquoi ou est-ce dont lequel laquelle lesquels
  selon apres avant d'apres doit doivent peut peuvent faut fait font ont avait sera seront ete etes suis
  veut veulent voudrait voudraient vu vus vue vues ca cela ceci celui celle ceux tout tous toute toutes tres plus moins bien aussi donc alors ainsi
  y-a-t-il t-il t-elle y il-y`
    .split(/\s+/)
    .filter(Boolean),
);

/** English question and function words (folded): only a question's own words are checked against them. */
export const ENGLISH_STOPWORDS = new Set(
  `the of and or to in on at by for from with about what which who whom whose when where why how is are was were be been being do does did
  has have had a an as that this these those it its into than then there their them they he she we you your our can could should would will shall may might must
  many much number amount please tell me give according`
    .split(/\s+/)
    .filter(Boolean),
);

/** Both lists: the words of a question that carry no topic, whatever its language. */
export const STOPWORDS = new Set([...FRENCH_STOPWORDS, ...ENGLISH_STOPWORDS]);

/** Words that only mark a question as English. */
export const ENGLISH_MARKERS = new Set(
  'the what which who whom whose when where why how is are was were does did do has have of to for with from many much'.split(' '),
);
