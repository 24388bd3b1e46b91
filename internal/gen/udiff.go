package gen

import (
	"fmt"
	"strings"
)

// op is one line of an edit script: ' ' kept, '-' only in a, '+' only in b.
type op struct {
	kind byte
	line string
}

// lcsCells bounds the table of the longest-common-subsequence search. Past
// it (two very different files of thousands of lines) the differing middle
// is shown as removed, then added: still a correct diff, only a longer one.
const lcsCells = 4_000_000

// editScript turns a into b: the lines they share (a longest common
// subsequence of lines) are kept, the others removed or added.
func editScript(a, b []string) []op {
	// The common head and tail need no table.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out []op
	for _, l := range a[:pre] {
		out = append(out, op{' ', l})
	}
	am, bm := a[pre:len(a)-suf], b[pre:len(b)-suf]
	n, m := len(am), len(bm)
	if n*m > lcsCells {
		for _, l := range am {
			out = append(out, op{'-', l})
		}
		for _, l := range bm {
			out = append(out, op{'+', l})
		}
	} else {
		// lcs[i][j] is the length of an LCS of am[i:] and bm[j:].
		lcs := make([][]int32, n+1)
		for i := range lcs {
			lcs[i] = make([]int32, m+1)
		}
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if am[i] == bm[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < n || j < m {
			switch {
			case i < n && j < m && am[i] == bm[j]:
				out = append(out, op{' ', am[i]})
				i++
				j++
			case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
				out = append(out, op{'-', am[i]}) // removals before additions, as diff -u
				i++
			default:
				out = append(out, op{'+', bm[j]})
				j++
			}
		}
	}
	for _, l := range a[len(a)-suf:] {
		out = append(out, op{' ', l})
	}
	return out
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// unifiedDiff is a unified diff from a (named aName) to b (bName) with
// three lines of context, cut after maxLines lines of hunks. It is empty
// when a and b are equal.
func unifiedDiff(aName, bName string, a, b []byte, maxLines int) string {
	if string(a) == string(b) {
		return ""
	}
	ops := editScript(splitLines(string(a)), splitLines(string(b)))
	const context = 3
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", aName, bName)
	lines := 0
	// Walk the script hunk by hunk: a hunk spans changes less than
	// 2*context kept lines apart, plus context on either side.
	ai, bi := 0, 0 // line numbers (0-based) in a and b at ops[k]
	pos := make([][2]int, len(ops)+1)
	for k, o := range ops {
		pos[k] = [2]int{ai, bi}
		if o.kind != '+' {
			ai++
		}
		if o.kind != '-' {
			bi++
		}
	}
	pos[len(ops)] = [2]int{ai, bi}
	for k := 0; k < len(ops); {
		if ops[k].kind == ' ' {
			k++
			continue
		}
		start := max(k-context, 0)
		end := k
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*context {
				end = min(end+context, len(ops))
				break
			}
			end = run
		}
		aStart, bStart := pos[start][0], pos[start][1]
		aLen, bLen := pos[end][0]-aStart, pos[end][1]-bStart
		fmt.Fprintf(&sb, "@@ -%s +%s @@\n", hunkRange(aStart, aLen), hunkRange(bStart, bLen))
		for _, o := range ops[start:end] {
			if lines == maxLines {
				sb.WriteString("... (diff cut here)\n")
				return sb.String()
			}
			sb.WriteByte(o.kind)
			sb.WriteString(o.line)
			sb.WriteByte('\n')
			lines++
		}
		k = end
	}
	return sb.String()
}

// hunkRange formats a hunk's start and length the way diff -u does: a
// 1-based start, the length omitted when it is 1, start 0 for nothing.
func hunkRange(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}
