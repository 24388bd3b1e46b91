package emit

import (
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
// the comment() helper never lets a line start at column 0.
func docLines(text string) []string {
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
	out = wrapProse(out)
	if len(out) > maxCommentLines {
		out, cut = out[:maxCommentLines], true
	}
	if cut {
		out = append(out, cutNote)
	}
	return out
}

// docWidth is where prose in a doc comment is folded, counting from after
// "// ": about 80 columns, as gofmt'd hand-written Go is.
const docWidth = 77

// wrapProse folds each line of prose longer than docWidth at spaces. Lines
// that start with a space or a tab are left alone (go doc shows them as
// code or lists, as written), and so are table rows ("| a | b |"): folding
// would change what they show.
func wrapProse(lines []string) []string {
	var out []string
	for _, l := range lines {
		if l == "" || l[0] == ' ' || l[0] == '|' {
			out = append(out, l)
			continue
		}
		out = append(out, foldLine(l, docWidth)...)
	}
	return out
}

// foldLine cuts l at the last space before width characters, again and
// again; a word longer than width (a URL) stays whole on a line of its own.
func foldLine(l string, width int) []string {
	var out []string
	for utf8.RuneCountInString(l) > width {
		limit, n := len(l), 0
		for i := range l {
			if n == width+1 {
				limit = i
				break
			}
			n++
		}
		cut := strings.LastIndexByte(l[:limit], ' ')
		if cut <= 0 {
			cut = strings.IndexByte(l[limit:], ' ')
			if cut < 0 {
				break
			}
			cut += limit
		}
		out = append(out, strings.TrimRight(l[:cut], " "))
		l = strings.TrimLeft(l[cut+1:], " ")
	}
	return append(out, l)
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
// after "// " as prose.
func comment(lines ...string) jen.Code {
	g := &jen.Statement{}
	for i, l := range lines {
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
