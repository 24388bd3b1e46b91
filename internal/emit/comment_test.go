package emit

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestSanitizeLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"tab\there", "tab here"},
		{"trailing   ", "trailing"},
		{"nul \x00 esc \x1b[31m del \x7f", "nul \uFFFD esc \uFFFD[31m del \uFFFD"},
		{"c1 \u0085 \u009b", "c1 \uFFFD \uFFFD"},
		{"ls \u2028 ps \u2029", "ls \uFFFD ps \uFFFD"},
		{"bom \uFEFF", "bom \uFFFD"},
		{"rlo \u202E lri \u2066 lrm \u200E alm \u061C", "rlo \uFFFD lri \uFFFD lrm \uFFFD alm \uFFFD"},
		{"bad \xff\xfe utf8", "bad \uFFFD utf8"},
		{"+build ignore", "`+build` ignore"},
		{"use +build tags", "use `+build` tags"},
		{"*/ //go:generate rm -rf /", "*/ //go:generate rm -rf /"},
		{"名前 ünïcödé 😀", "名前 ünïcödé 😀"},
	}
	for _, tt := range tests {
		got := sanitizeLine(tt.in)
		assert.Equal(t, tt.want, got, "%q", tt.in)
		assert.True(t, utf8.ValidString(got))
	}
}

func TestDocLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  \n\t ", nil},
		{"one", []string{"one"}},
		{"a\n\n\n\nb", []string{"a", "", "b"}},
		{"crlf\r\nnext\rold mac", []string{"crlf", "next", "old mac"}},
		{"*/ x\n//go:generate rm -rf /\n// +build ignore\n+build ignore", []string{"*/ x", "//go:generate rm -rf /", "// `+build` ignore", "`+build` ignore"}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, docLines(tt.in), "%q", tt.in)
	}
}

// TestDocLinesCut: a long description is cut, on one line or many, with a
// note; the cut never splits a character.
func TestDocLinesCut(t *testing.T) {
	many := docLines(strings.Repeat("line\n", 1000))
	assert.Len(t, many, maxCommentLines+1)
	assert.Equal(t, cutNote, many[len(many)-1])

	long := docLines(strings.Repeat("é", 1<<20))
	assert.Len(t, long, 2)
	assert.Equal(t, cutNote, long[1])
	assert.LessOrEqual(t, len(long[0]), maxCommentBytes)
	assert.True(t, utf8.ValidString(long[0]))

	short := docLines(strings.Repeat("x", maxCommentBytes))
	assert.Equal(t, []string{strings.Repeat("x", maxCommentBytes)}, short)
}

// TestComment: no line of spec text can start a line of the output with
// anything but "// ", so it never reads as a directive.
func TestComment(t *testing.T) {
	got := fmt.Sprintf("%#v", comment(docLines("Summary.\n//go:generate rm -rf /\n/* block */\n\n//line evil.go:1\n// +build ignore")...))
	assert.Equal(t, "// Summary.\n//  //go:generate rm -rf /\n//  /* block */\n//\n//  //line evil.go:1\n//  // `+build` ignore", got)
}

// TestCommentPathLine: a wrapped line that starts with a path ("(DELETE"
// then "/items/{id}).") is prose, not the indented code block a second
// space would make it in go doc.
func TestCommentPathLine(t *testing.T) {
	got := fmt.Sprintf("%#v", comment("Errors is the 4XX response of Items.Delete (DELETE", "/items/{id})."))
	assert.Equal(t, "// Errors is the 4XX response of Items.Delete (DELETE\n// /items/{id}).", got)
}

func TestDocLinesWrapsProse(t *testing.T) {
	long := "Returns a list of all phone number blocks of a porting order, filtered and sorted as asked, one page at a time, with a total."
	got := docLines(long + "\n\n    code stays as it is, however long the line that holds it may be in the spec\n| a | table | row | stays | whole | even | when | it | is | longer | than | eighty |\nsee https://example.com/a/very/long/url/that/cannot/be/cut/anywhere/because/it/has/no/spaces/at/all ok")
	assert.Equal(t, []string{
		"Returns a list of all phone number blocks of a porting order, filtered and",
		"sorted as asked, one page at a time, with a total.",
		"",
		"    code stays as it is, however long the line that holds it may be in the spec",
		"| a | table | row | stays | whole | even | when | it | is | longer | than | eighty |",
		"see",
		"https://example.com/a/very/long/url/that/cannot/be/cut/anywhere/because/it/has/no/spaces/at/all",
		"ok",
	}, got)
}
