/**
 * `<` followed by what can start a tag, end tag, comment, doctype or processing instruction:
 * a text without it holds no markup. A module of its own so the editor's first screen can ask
 * without loading the markup module (transform/markup.ts) that strips it.
 */
export const MARKUP_POSSIBLE = /<[A-Za-z/!?]/;
