package emit

import (
	"strings"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

// maxCommentLines bounds a doc comment taken from the spec; a description
// longer than this is cut with a note, so that a megabyte of text cannot
// swamp the generated file.
const maxCommentLines = 200

// docLines turns spec text into comment lines: one line of text, one line
// of comment. Each line is cleaned of anything that could end the comment or
// read as a directive: control characters and invalid UTF-8 are replaced, and
// the comment() helper never lets a line start at column 0.
func docLines(text string) []string {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
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
	if len(out) > maxCommentLines {
		out = append(out[:maxCommentLines], "[description cut: it is longer than the generated code shows]")
	}
	return out
}

// sanitizeLine makes one line of spec text safe inside a // comment.
func sanitizeLine(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case r < 0x20 || r == 0x7f || r == '\u2028' || r == '\u2029' || r == '\u0085':
			return '\uFFFD'
		}
		return r
	}, s)
	return strings.TrimRight(s, " ")
}

// comment renders lines as // comments. jennifer writes a line that starts
// with "//" or "/*" verbatim; such a line gets a leading space, so that text
// like "//go:generate" can never start a line of the output.
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
		if strings.HasPrefix(l, "/") {
			l = " " + l
		}
		g.Comment(l)
	}
	return g
}
