package emit

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

// maxCommentLines and maxCommentBytes bound a doc comment taken from the
// spec; a description longer than this is cut with a note, so that a
// megabyte of text, on one line or many, cannot swamp the generated file.
const (
	maxCommentLines = 200
	maxCommentBytes = 16 << 10
)

// cutNote ends a description that was cut.
const cutNote = "[description cut: it is longer than the generated code shows]"

// docLines turns spec text into comment lines: one line of text, one line
// of comment. Each line is cleaned of anything that could end the comment or
// read as a directive: control characters and invalid UTF-8 are replaced, and
// the comment() helper never lets a line start at column 0. Prose is folded
// at width: docWidth, or fieldDocWidth for a struct field's comment.
func docLines(text string, width int) []string {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	cut := false
	if len(text) > maxCommentBytes {
		text = strings.ToValidUTF8(text[:maxCommentBytes], "")
		cut = true
	}
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	raw := strings.Split(text, "\n")
	lines := make([]string, 0, len(raw))
	for _, l := range raw {
		lines = append(lines, sanitizeLine(l))
	}
	// Fold runs of blank lines into one paragraph break.
	out := lines[:0]
	for i, l := range lines {
		if l == "" && i > 0 && out[len(out)-1] == "" {
			continue
		}
		out = append(out, l)
	}
	out = wrapDoc(out, width)
	if len(out) > maxCommentLines {
		out, cut = out[:maxCommentLines], true
	}
	if cut {
		out = append(out, cutNote)
	}
	return out
}

// docWidth is where a doc comment at the top level is folded, counting
// from after "// ": about 80 columns, as gofmt'd hand-written Go is.
// fieldDocWidth is the same for the comment of a struct field, one tab in.
const (
	docWidth      = 77
	fieldDocWidth = docWidth - 1
)

// wrapDoc folds each line of prose longer than width at spaces, so that a
// doc comment wraps at about 80 columns. It is the one wrap of this package:
// comment and fieldComment apply it to every line they write, so a caller
// passes a paragraph as one line.
//
// Lines that start with a space or a tab are left alone (go doc shows them as
// code or lists, as written), and so are table rows ("| a | b |") and lines
// that start with "//" or "/*" (comment indents those as code): folding would
// change what they show. A line is cut only at a space outside `inline code`;
// a word longer than width (a URL, a JSON pointer, a long identifier) stays
// whole on a line of its own, and a label that starts a line ("Schema:")
// stays with the word it names. Lines that fit are kept as they are, so
// wrapping lines already wrapped at the same width changes nothing.
func wrapDoc(lines []string, width int) []string {
	var out []string
	for _, l := range lines {
		if l == "" || l[0] == ' ' || l[0] == '\t' || l[0] == '|' ||
			strings.HasPrefix(l, "//") || strings.HasPrefix(l, "/*") ||
			utf8.RuneCountInString(l) <= width {
			out = append(out, l)
			continue
		}
		out = append(out, foldLine(l, width)...)
	}
	return out
}

// foldLine fills lines of at most width characters with the words of l,
// greedily; see wrapDoc.
func foldLine(l string, width int) []string {
	words := docWords(l)
	var out []string
	line, n := words[0].text, utf8.RuneCountInString(words[0].text)
	label := strings.HasSuffix(line, ":")
	for i, w := range words[1:] {
		wn := utf8.RuneCountInString(w.text)
		if n+1+wn > width && !(i == 0 && label) {
			out = append(out, line)
			line, n = w.text, wn
			continue
		}
		line += w.sep + w.text
		n += utf8.RuneCountInString(w.sep) + wn
	}
	return append(out, line)
}

// docWord is a word of a line of prose and the spaces before it.
type docWord struct{ sep, text string }

// docWords splits l at runs of spaces, but not inside `inline code`: a
// backtick opens a span only when another one closes it on the line, so a
// stray backtick does not make the rest of the line one word.
func docWords(l string) []docWord {
	var words []docWord
	sep := ""
	for i := 0; i < len(l); {
		if l[i] == ' ' {
			j := i
			for j < len(l) && l[j] == ' ' {
				j++
			}
			if len(words) > 0 {
				sep = l[i:j]
			}
			i = j
			continue
		}
		j := i
		for j < len(l) && l[j] != ' ' {
			if l[j] == '`' {
				if k := strings.IndexByte(l[j+1:], '`'); k >= 0 {
					j += k + 1
				}
			}
			j++
		}
		words = append(words, docWord{sep, l[i:j]})
		sep = ""
		i = j
	}
	return words
}

// sanitizeLine makes one line of spec text safe inside a // comment: it
// replaces control characters and invalid UTF-8, and quotes "+build" as
// `+build`, because go vet refuses a comment line that reads as a misplaced
// build constraint ("// +build ignore") and, before the package clause, any
// line that mentions +build.
func sanitizeLine(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case r < 0x20 || r >= 0x7f && r <= 0x9f || r == '\u2028' || r == '\u2029' || r == '\uFEFF' ||
			unicode.Is(unicode.Bidi_Control, r):
			// Control characters, line separators, a byte order mark (which
			// Go refuses anywhere but at the start of a file) and bidi
			// controls (which make text read in another order than it runs).
			return '\uFFFD'
		}
		return r
	}, s)
	s = strings.ReplaceAll(s, "+build", "`+build`")
	return strings.TrimRight(s, " ")
}

// comment renders lines as // comments. jennifer writes a line that starts
// with "//" or "/*" verbatim; such a line gets a leading space, so that text
// like "//go:generate" can never start a line of the output. Any other line,
// one that starts with a path such as "/items/{id}" among them, is written
// after "// " as prose. Prose is folded at docWidth (see wrapDoc).
func comment(lines ...string) jen.Code {
	return commentWidth(docWidth, lines)
}

// fieldComment is comment for a struct field, one tab in: prose is folded
// at fieldDocWidth.
func fieldComment(lines ...string) jen.Code {
	return commentWidth(fieldDocWidth, lines)
}

func commentWidth(width int, lines []string) jen.Code {
	g := &jen.Statement{}
	for i, l := range noHeadings(wrapDoc(lines, width)) {
		if i > 0 {
			g.Line()
		}
		if l == "" {
			g.Comment("")
			continue
		}
		if strings.HasPrefix(l, "//") || strings.HasPrefix(l, "/*") {
			l = " " + l
		}
		g.Comment(l)
	}
	return g
}

// noHeadings ends with a period each line that go/doc would read as a
// heading and gofmt would rewrite to "# heading": a one-line paragraph,
// not the first, before more text, that starts with a capital letter and
// ends in a letter or a digit. Spec descriptions often leave out the final
// period of a sentence that stands alone ("Executes all tests of a suite"
// between a summary and more text).
func noHeadings(lines []string) []string {
	out := lines
	for i := 1; i+2 < len(lines); i++ {
		l, next := lines[i], lines[i+2]
		if l == "" || lines[i-1] != "" || lines[i+1] != "" || next == "" || indented(l) || indented(next) {
			continue
		}
		first, _ := utf8.DecodeRuneInString(l)
		last, _ := utf8.DecodeLastRuneInString(l)
		if !unicode.IsUpper(first) || !unicode.IsLetter(last) && !unicode.IsDigit(last) {
			continue
		}
		if &out[0] == &lines[0] {
			out = slices.Clone(lines)
		}
		out[i] = l + "."
	}
	return out
}

func indented(l string) bool { return l[0] == ' ' || l[0] == '\t' }
