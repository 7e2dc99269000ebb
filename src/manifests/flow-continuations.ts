/**
 * Lines a quoted string or a flow collection continues on, indented past the line it starts on.
 *
 * kubectl reads manifests with go-yaml v2 (through sigs.k8s.io/yaml), which does not check how far
 * the continuation lines of a quoted string (`"..."`, `'...'`) or a flow collection (`[...]`,
 * `{...}`) are indented. YAML 1.2, and the `yaml` package, want them indented past the block they
 * sit in, so a file kubectl applies, such as
 *
 *     args:
 *       - "echo one &&
 *       echo two"
 *
 * is a syntax error to them. Leading white space on such a line is never part of the value (the
 * string folds the line break into a space and drops the indentation; a flow collection ignores
 * white space), so indenting those lines further reads the same value that go-yaml reads.
 *
 * This finds where such constructs start and end with a light scan (quotes, brackets, comments,
 * block scalars); the caller re-parses the result and keeps it only when every padded line then
 * lies inside a quoted string or flow collection (parse.ts), so a scan that guessed wrong can only
 * leave the file unread, never change a value.
 */

/** The text with under-indented continuation lines padded, and which lines (0-based) were padded. */
export interface IndentedContinuations {
  readonly text: string;
  readonly paddedLines: readonly number[];
}

/** A block scalar header (`|`, `>-`, `|2+`), with an optional comment. */
const BLOCK_SCALAR_HEADER = /^[|>][-+0-9]*\s*(?:#.*)?$/;

/** YAML indentation: the leading spaces (a tab is white space there, never indentation). */
function indentOf(line: string): number {
  let spaces = 0;
  while (line[spaces] === ' ') spaces++;
  return spaces;
}

/**
 * The text with every non-blank line that continues a quoted string or flow collection, and is
 * indented no deeper than the node its first line holds (the key's column, past any `- `), indented
 * one space past that; undefined when no line needs it.
 */
export function indentContinuationLines(text: string): IndentedContinuations | undefined {
  const lines = text.split('\n');
  const paddedLines: number[] = [];
  let quote: '"' | "'" | undefined;
  let flowDepth = 0;
  /** The column the node on the open quote's or flow collection's first line starts at (past any `- `). */
  let startIndent = 0;
  /** Set after a block scalar header: lines indented deeper than this (or blank) are its content. */
  let blockScalarParent: number | undefined;

  lines.forEach((original, lineIndex) => {
    let line = original;
    const blank = line.trim() === '';
    const open = quote !== undefined || flowDepth > 0;
    if (!open && blockScalarParent !== undefined) {
      if (blank || indentOf(line) > blockScalarParent) return;
      blockScalarParent = undefined;
    }
    if (open && !blank && indentOf(line) <= startIndent) {
      line = ' '.repeat(startIndent + 1 - indentOf(line)) + line;
      lines[lineIndex] = line;
      paddedLines.push(lineIndex);
    }
    const indent = indentOf(line);
    for (let i = indent; i < line.length; i++) {
      const c = line[i];
      if (quote === '"') {
        if (c === '\\') i++;
        else if (c === '"') quote = undefined;
        continue;
      }
      if (quote === "'") {
        if (c === "'" && line[i + 1] === "'") i++;
        else if (c === "'") quote = undefined;
        continue;
      }
      if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) break;
      if (flowDepth > 0) {
        if (c === '[' || c === '{') flowDepth++;
        else if (c === ']' || c === '}') flowDepth--;
        else if ((c === '"' || c === "'") && opensFlowNode(line, i)) quote = c;
        continue;
      }
      if (!'"\'[{|>'.includes(c) || !opensBlockNode(line, i)) continue;
      if (c === '|' || c === '>') {
        if (!BLOCK_SCALAR_HEADER.test(line.slice(i))) continue;
        // Content sits deeper than the node owning the scalar: the dash's column for `- |`, else the key's.
        const previous = previousToken(line, i);
        blockScalarParent = line[previous] === '-' ? previous : indentAfterDashes(line);
        break;
      }
      startIndent = indentAfterDashes(line);
      if (c === '[' || c === '{') flowDepth = 1;
      else quote = c === '"' ? '"' : "'";
    }
  });
  return paddedLines.length === 0 ? undefined : { text: lines.join('\n'), paddedLines };
}

/** At most this many tags and anchors (`!!str`, `&name`) are looked past before a node, each at most this long. */
const MAX_PROPERTIES = 3;
const MAX_PROPERTY_LENGTH = 64;

/**
 * The index of the last character before `i` that is not white space, past up to MAX_PROPERTIES
 * tags and anchors; -1 at the line's start. Looking back only this far keeps a scan of a long line linear.
 */
function previousToken(line: string, i: number): number {
  let j = i - 1;
  for (let properties = 0; ; properties++) {
    while (j >= 0 && (line[j] === ' ' || line[j] === '\t')) j--;
    let start = j;
    const limit = Math.max(0, j - MAX_PROPERTY_LENGTH);
    while (start > limit && line[start - 1] !== ' ' && line[start - 1] !== '\t') start--;
    if (j < 0 || properties === MAX_PROPERTIES || (line[start] !== '!' && line[start] !== '&')) return j;
    j = start - 1;
  }
}

/** Whether a node may start at `i` in block context: at the line's start, or after `- `, `? ` or `key: `. */
function opensBlockNode(line: string, i: number): boolean {
  const j = previousToken(line, i);
  if (j < 0) return true;
  const indicator = line[j] === '-' || line[j] === '?' || line[j] === ':';
  const spaced = j < i - 1;
  const alone = line[j] === ':' || j === 0 || line[j - 1] === ' ' || line[j - 1] === '\t';
  return indicator && spaced && alone;
}

/** Whether a node may start at `i` inside a flow collection: after `[`, `{`, `,` or `:`, or at the line's start. */
function opensFlowNode(line: string, i: number): boolean {
  const j = previousToken(line, i);
  return j < 0 || '[{,:'.includes(line[j]);
}

/** The column a `key: ` starts at, past the `- ` of any sequence entries opening the line. */
function indentAfterDashes(line: string): number {
  const match = /^(?:\s*-\s+)*\s*/.exec(line);
  return match ? match[0].length : 0;
}
