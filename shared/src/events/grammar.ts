/**
 * Small pieces of English grammar the event sentences need, so every
 * sentence reads right whatever actor, rider or count fills it.
 */

/**
 * Whether an actor's name takes a plural verb. A group named by a common
 * noun ("European allies", "Western allies") does; a proper name does even
 * when it ends in s ("Philippines", "Solomon Islands", "United States & NATO"
 * are one state or one side each).
 */
export function isPluralName(name: string): boolean {
  const last = name.trim().split(/\s+/).at(-1) ?? '';
  return /^[a-z]+s$/.test(last);
}

/** "a" or "an" before a word, by its sound: "an arms sale", "a trade deal", "a UN pledge", "a NATO consultation". */
export function article(word: string): 'a' | 'an' {
  const first = word.trim().split(/\s+/)[0] ?? '';
  // The game's acronyms (UN, NATO, CSTO, SCO, BRICS) all start with a consonant sound; a U in
  // capitals is read "you".
  if (first.length > 1 && /^[A-Z]+$/.test(first)) return /^[AEIO]/.test(first) ? 'an' : 'a';
  return /^[aeiou]/i.test(first) ? 'an' : 'a';
}

/** A count and its noun: "1 treaty", "2 treaties", "0 offers". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/**
 * The words that agree with a subject: its verb (third person) and its
 * possessive pronoun. `verb('hedge')` is "hedges" for China and "hedge" for
 * the European allies.
 */
export interface Agreement {
  plural: boolean;
  verb(base: string): string;
  /** "is" / "are". */
  be: string;
  /** "has" / "have". */
  have: string;
  /** "its" / "their". */
  its: string;
  /** "it" / "they". */
  it: string;
  /** "it" / "them". */
  itObject: string;
  /** "China's" / "European allies'". */
  possessive: string;
}

export function agreementOf(name: string): Agreement {
  const plural = isPluralName(name);
  return {
    plural,
    verb: (base) => (plural ? base : thirdPerson(base)),
    be: plural ? 'are' : 'is',
    have: plural ? 'have' : 'has',
    its: plural ? 'their' : 'its',
    it: plural ? 'they' : 'it',
    itObject: plural ? 'them' : 'it',
    possessive: plural && name.endsWith('s') ? `${name}'` : `${name}'s`,
  };
}

/** A verb's third person singular: "hedges", "presses", "carries", "holds". */
function thirdPerson(base: string): string {
  if (/(s|sh|ch|x|z|o)$/.test(base)) return `${base}es`;
  if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ies`;
  return `${base}s`;
}
