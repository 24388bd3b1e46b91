package emit

import (
	"fmt"
	"slices"
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
		assert.Equal(t, tt.want, docLines(tt.in, docWidth), "%q", tt.in)
	}
}

// TestDocLinesCut: a long description is cut, on one line or many, with a
// note; the cut never splits a character.
func TestDocLinesCut(t *testing.T) {
	many := docLines(strings.Repeat("line\n", 1000), docWidth)
	assert.Len(t, many, maxCommentLines+1)
	assert.Equal(t, cutNote, many[len(many)-1])

	long := docLines(strings.Repeat("é", 1<<20), docWidth)
	assert.Len(t, long, 2)
	assert.Equal(t, cutNote, long[1])
	assert.LessOrEqual(t, len(long[0]), maxCommentBytes)
	assert.True(t, utf8.ValidString(long[0]))

	short := docLines(strings.Repeat("x", maxCommentBytes), docWidth)
	assert.Equal(t, []string{strings.Repeat("x", maxCommentBytes)}, short)
}

// TestComment: no line of spec text can start a line of the output with
// anything but "// ", so it never reads as a directive.
func TestComment(t *testing.T) {
	got := fmt.Sprintf("%#v", comment(docLines("Summary.\n//go:generate rm -rf /\n/* block */\n\n//line evil.go:1\n// +build ignore", docWidth)...))
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
	got := docLines(long+"\n\n    code stays as it is, however long the line that holds it may be in the spec\n| a | table | row | stays | whole | even | when | it | is | longer | than | eighty |\nsee https://example.com/a/very/long/url/that/cannot/be/cut/anywhere/because/it/has/no/spaces/at/all ok", docWidth)
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

// TestWrapDoc: prose folds at the width, at spaces outside inline code; a
// token longer than the width (a JSON pointer, a URL) stays whole on a line
// of its own, a label stays with it, and indented lines (code, lists), table
// rows and blank lines stay as they are.
func TestWrapDoc(t *testing.T) {
	ptr := "#/paths/~1porting_orders~1{porting_order_id}~1phone_number_blocks/get/parameters/0/schema"
	url := "https://developers.telnyx.com/docs/numbers/phone-numbers/porting/porting-orders-overview"
	tests := []struct {
		name string
		in   []string
		want []string
	}{{
		name: "prose",
		in:   []string{"PortingOrdersActionRequirementsService holds the operations on the action requirements of PortingOrders: the paths under /porting_orders/{porting_order_id}/action_requirements."},
		want: []string{
			"PortingOrdersActionRequirementsService holds the operations on the action",
			"requirements of PortingOrders: the paths under",
			"/porting_orders/{porting_order_id}/action_requirements.",
		},
	}, {
		name: "pointer after a label",
		in:   []string{"Schema: " + ptr},
		want: []string{"Schema: " + ptr},
	}, {
		name: "pointer in prose",
		in:   []string{"PortingOrderStatus is the enum at " + ptr + "."},
		want: []string{"PortingOrderStatus is the enum at", ptr + "."},
	}, {
		name: "url",
		in:   []string{"Read the overview at " + url + " before you create a porting order for numbers."},
		want: []string{"Read the overview at", url, "before you create a porting order for numbers."},
	}, {
		name: "inline code",
		in:   []string{"Filter the orders with a query such as `filter[status][in][]=draft&filter[customer_reference]=abc 123` and sort them."},
		want: []string{
			"Filter the orders with a query such as",
			"`filter[status][in][]=draft&filter[customer_reference]=abc 123` and sort",
			"them.",
		},
	}, {
		name: "stray backtick",
		in:   []string{"A stray ` backtick does not glue the rest of the line together, however long the line may be."},
		want: []string{
			"A stray ` backtick does not glue the rest of the line together, however long",
			"the line may be.",
		},
	}, {
		name: "list items",
		in: []string{
			"  - an indented list item stays as it is, however long the line that holds it may be",
			"- an unindented one is prose to go doc, so it folds like prose at the width of the comment",
		},
		want: []string{
			"  - an indented list item stays as it is, however long the line that holds it may be",
			"- an unindented one is prose to go doc, so it folds like prose at the width",
			"of the comment",
		},
	}, {
		name: "indented block, table, blank line",
		in: []string{
			"Example:",
			"",
			"\tcurl -X POST https://api.telnyx.com/v2/porting_orders -H 'Authorization: Bearer KEY' -d '{}'",
			"    client.PortingOrders.List(ctx, &PortingOrdersListParams{PageSize: Some(int64(20))})",
			"| name | type | description of the column that makes this row longer than eighty |",
		},
		want: []string{
			"Example:",
			"",
			"\tcurl -X POST https://api.telnyx.com/v2/porting_orders -H 'Authorization: Bearer KEY' -d '{}'",
			"    client.PortingOrders.List(ctx, &PortingOrdersListParams{PageSize: Some(int64(20))})",
			"| name | type | description of the column that makes this row longer than eighty |",
		},
	}}
	for _, tt := range tests {
		got := wrapDoc(tt.in, docWidth)
		assert.Equal(t, tt.want, got, tt.name)
		assert.Equal(t, got, wrapDoc(got, docWidth), "%s: wrapping again changes nothing", tt.name)
		for _, l := range got {
			if utf8.RuneCountInString(l) > docWidth && !strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "\t") && !strings.HasPrefix(l, "|") {
				assert.NotContains(t, strings.TrimPrefix(l, "Schema: "), " ", "%s: a long line is one token: %q", tt.name, l)
			}
		}
	}
	// A field's comment is one tab in, so it folds one column earlier.
	line := strings.Repeat("abcd ", 15) + "xy"
	assert.Equal(t, []string{line}, wrapDoc([]string{line}, docWidth))
	assert.Equal(t, []string{strings.TrimSpace(strings.Repeat("abcd ", 15)), "xy"}, wrapDoc([]string{line}, fieldDocWidth))
}

// A one-line paragraph without a final period between others is what
// go/doc reads as a heading; gofmt would write it "# ...".
func TestNoHeadings(t *testing.T) {
	in := []string{
		"Trigger test suite execution.",
		"",
		"Executes all tests within a specific test suite as a batch operation",
		"",
		"lower case is no heading",
		"",
		"Ends in punctuation (so no heading)",
		"",
		"Two lines make",
		"a paragraph",
		"",
		"    indented code",
		"",
		"The last paragraph is no heading",
	}
	want := slices.Clone(in)
	want[2] += "."
	assert.Equal(t, want, noHeadings(in))
	assert.Equal(t, "Executes all tests within a specific test suite as a batch operation", in[2], "the input is not changed")
}
