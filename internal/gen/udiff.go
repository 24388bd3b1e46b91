package gen

import (
	"fmt"
	"strings"

	"github.com/aymanbagabas/go-udiff"
)

// diffContext is how many unchanged lines surround each change in a hunk.
const diffContext = 3

// unifiedDiff is a unified diff from a (named aName) to b (bName) with
// three lines of context, cut after maxLines lines of hunks. It is empty
// when a and b are equal. The edit script is go-udiff's (the Myers-style
// line diff of golang.org/x/tools): every changed region gets its own hunk,
// however far apart, and however large the files.
func unifiedDiff(aName, bName string, a, b []byte, maxLines int) string {
	if string(a) == string(b) {
		return ""
	}
	edits := udiff.Lines(string(a), string(b))
	u, err := udiff.ToUnifiedDiff(aName, bName, string(a), edits, diffContext)
	if err != nil {
		// The edits come from the same two texts: they always apply.
		panic(fmt.Sprintf("go-udiff: inconsistent edits: %v", err))
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", aName, bName)
	lines := 0
	for _, h := range u.Hunks {
		from, to := 0, 0
		for _, l := range h.Lines {
			if l.Kind != udiff.Insert {
				from++
			}
			if l.Kind != udiff.Delete {
				to++
			}
		}
		fmt.Fprintf(&sb, "@@ -%s +%s @@\n", hunkRange(h.FromLine, from), hunkRange(h.ToLine, to))
		for _, l := range h.Lines {
			if lines == maxLines {
				sb.WriteString("... (diff cut here)\n")
				return sb.String()
			}
			switch l.Kind {
			case udiff.Delete:
				sb.WriteByte('-')
			case udiff.Insert:
				sb.WriteByte('+')
			default:
				sb.WriteByte(' ')
			}
			sb.WriteString(l.Content)
			if !strings.HasSuffix(l.Content, "\n") {
				sb.WriteString("\n\\ No newline at end of file\n")
			}
			lines++
		}
	}
	return sb.String()
}

// hunkRange formats a hunk's 1-based start line and length the way diff -u
// does: the length omitted when it is 1, and for an empty range the line
// before it (0 at the top of the file).
func hunkRange(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}
