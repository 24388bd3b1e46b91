package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/pb33f/go-yaml"

	"github.com/oagen-dev/oagen/internal/model"
)

// Limits on what the loader reads. A spec beyond them is refused with a
// positioned error before libopenapi builds anything, so that a hostile or
// broken spec costs a bounded amount of time and memory and can never
// exhaust the stack.
const (
	// MaxSpecSize is the largest spec file read, in bytes. The pipeline costs
	// about 1.1 s and 100 MB of memory per MB of a real spec (Telnyx's full
	// spec: 4 MB, 4.6 s, 400 MB), so this is five times the largest spec
	// oagen is used with, and about 25 s.
	MaxSpecSize = 20 << 20

	// MaxDepth is the deepest nesting of mappings and sequences read, YAML
	// aliases followed. Real specs nest fewer than 20 levels (Telnyx's full
	// spec: 18). Each level of a nested schema is at least one level here,
	// and the cost of a nested inline schema grows with the square of its
	// depth (its Go name and JSON pointer grow with it).
	MaxDepth = 256

	// MaxFields bounds the fields of all generated structs together, which
	// the output's size follows. allOf copies the fields of its members into
	// each struct that uses it, so a chain of allOf can make a short spec
	// expand quadratically: 2,000 components that each add one field to the
	// one before make 2 million fields. Telnyx's full spec has 12,263.
	MaxFields = 250_000
)

// yamlParserDepth is the nesting at which the YAML parser itself stops.
const yamlParserDepth = 10000

// checkSize refuses a file larger than MaxSpecSize.
func (l *loader) checkSize(data []byte) error {
	if len(data) <= MaxSpecSize {
		return nil
	}
	return l.fatal(1, 1, "#", sizeMessage(int64(len(data)), true))
}

func sizeMessage(size int64, exact bool) string {
	what := fmt.Sprintf("%d bytes (%.1f MiB)", size, float64(size)/(1<<20))
	if !exact {
		what = fmt.Sprintf("more than %d bytes", MaxSpecSize)
	}
	return fmt.Sprintf("the file is %s; oagen reads specs of up to %d MiB: generate from a smaller spec, e.g. only the paths you need", what, MaxSpecSize>>20)
}

// ReadSpec reads the spec file at path: a regular file of at most
// MaxSpecSize bytes, the limit enforced while reading. A device or a FIFO
// (-spec /dev/zero) is refused before it is opened.
func ReadSpec(path string) ([]byte, error) {
	data, err := model.ReadRegular(path, MaxSpecSize)
	var big *model.TooLargeError
	if errors.As(err, &big) {
		return nil, model.Diagnostics{{Pos: model.Pos{File: path, Line: 1, Col: 1}, Pointer: "#", Message: sizeMessage(big.Size, big.AtEnd)}}
	}
	return data, err
}

// looksJSON is libopenapi's own test for a JSON document: it parses such a
// document by JSON's rules, not YAML's.
func looksJSON(data []byte) bool {
	t := bytes.TrimSpace(data)
	return len(t) > 0 && t[0] == '{' && t[len(t)-1] == '}'
}

// checkJSON reports the first JSON syntax error in data at its line and
// column.
func (l *loader) checkJSON(data []byte) error {
	if json.Valid(data) {
		return nil
	}
	var v any
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return l.fatal(1, 1, "#", "not valid JSON")
	}
	// Offset counts the bytes read, the offending one included.
	line, col := lineCol(data, int(se.Offset)-1)
	return l.fatal(line, col, "#", "not valid JSON: "+se.Error())
}

// lineCol turns a byte offset into a 1-based line and column, the column
// counted in characters as the YAML parser counts it.
func lineCol(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

// parseFailure turns an error of the YAML parser on data into a diagnostic.
func (l *loader) parseFailure(data []byte, err error) error {
	line, col, msg := 1, 1, err.Error()
	var le *yaml.LoadError
	var les *yaml.LoadErrors
	if errors.As(err, &les) && len(les.Errors) > 0 {
		le = les.Errors[0]
	}
	if le != nil || errors.As(err, &le) {
		line, col, msg = max(le.Mark.Line, 1), max(le.Mark.Column, 1), le.Message
		if le.Mark.Line == 0 && le.Mark.Index > 0 {
			// The reader, which checks the encoding, knows only the offset.
			line, col = lineCol(data, le.Mark.Index)
		}
	}
	if off, what := firstBadChar(data); off >= 0 && le != nil && le.Mark.Line == 0 {
		// An encoding error: placed exactly, and said plainly.
		line, col = lineCol(data, off)
		msg = what
	}
	if strings.Contains(msg, fmt.Sprintf("exceeded max depth of %d", yamlParserDepth)) {
		// The parser stops here and builds no tree, so there is no pointer
		// more precise than the document's.
		return l.fatal(line, col, "#", fmt.Sprintf("nested more than %d levels deep: oagen reads specs nested up to %d levels", MaxDepth, MaxDepth))
	}
	return l.fatal(line, col, pointerNear(data, line, col), "not valid YAML or JSON: "+firstLine(msg))
}

// yamlChar reports whether the rune r, size bytes long in the input, may
// appear in a YAML stream (YAML 1.2's printable set, as the parser checks it).
func yamlChar(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size <= 1:
		return false // not UTF-8
	case r < 0x20:
		return r == '\t' || r == '\n' || r == '\r'
	}
	return r != 0xFFFE && r != 0xFFFF
}

// firstBadChar finds the first byte of data that is not UTF-8, or the first
// character YAML refuses, and says what it is; -1 when there is none.
func firstBadChar(data []byte) (int, string) {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if !yamlChar(r, size) {
			if r == utf8.RuneError {
				return i, fmt.Sprintf("invalid UTF-8: byte 0x%02X", data[i])
			}
			return i, fmt.Sprintf("the control character %U is not allowed", r)
		}
		i += size
	}
	return -1, ""
}

// pointerNear is the JSON pointer of the value written at or just before
// line:col, when the document parses once the characters YAML refuses (bad
// UTF-8, control characters) are blanked out; else "#". Blanking keeps every
// position, so that an encoding error is placed in the document's tree.
func pointerNear(data []byte, line, col int) string {
	if off, _ := firstBadChar(data); off < 0 {
		return "#"
	}
	clean := make([]byte, 0, len(data))
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if yamlChar(r, size) {
			clean = append(clean, data[i:i+size]...)
		} else {
			clean = append(clean, '?') // one character for one
		}
		i += size
	}
	var root yaml.Node
	if yaml.Unmarshal(clean, &root) != nil {
		return "#"
	}
	best, bestPtr := model.Pos{}, "#"
	before := func(n *yaml.Node) bool {
		return n.Line < line || n.Line == line && n.Column <= col
	}
	walkNodes(&root, func(n *yaml.Node, ptr string) bool {
		if before(n) && (n.Line > best.Line || n.Line == best.Line && n.Column >= best.Col) {
			best, bestPtr = model.Pos{Line: n.Line, Col: n.Column}, ptr
		}
		return true
	})
	return bestPtr
}

// checkDuplicateKeys reports every key that a mapping repeats: which of the
// two values libopenapi would use is not defined.
func (l *loader) checkDuplicateKeys(root *yaml.Node) {
	var walk func(n *yaml.Node, ptr string)
	walk = func(n *yaml.Node, ptr string) {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, ptr)
			}
		case yaml.MappingNode:
			first := map[string]*yaml.Node{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				kptr := ptr + "/" + pointerEscape(k.Value)
				if k.Kind == yaml.ScalarNode {
					if f := first[k.Value]; f != nil {
						l.errorf(l.pos(k), kptr, "duplicate key %q (first at line %d, column %d)", k.Value, f.Line, f.Column)
					} else {
						first[k.Value] = k
					}
				}
				walk(n.Content[i+1], kptr)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, ptr+"/"+itoa(i))
			}
		}
	}
	walk(root, "#")
}

// checkDepth refuses a document nested deeper than MaxDepth, counting the
// levels YAML aliases add, and a document that an alias makes infinitely
// deep (an alias inside its own anchor). Both would otherwise send
// libopenapi, and the loader after it, into unbounded recursion.
func (l *loader) checkDepth(root *yaml.Node) error {
	c := depthCheck{l: l, height: map[*yaml.Node]int{}, onPath: map[*yaml.Node]bool{}}
	c.walk(root, 0, "#")
	return c.err
}

type depthCheck struct {
	l      *loader
	height map[*yaml.Node]int  // levels below a node, for nodes fully walked
	onPath map[*yaml.Node]bool // nodes being walked: an alias to one is a loop
	err    error
}

// walk returns the number of levels at and below n, which sits depth levels
// down at ptr. It stops at the first problem, recorded in c.err. A node met
// again through an alias is not walked again unless it could now be too
// deep, so the check is linear in the size of the document even when
// aliases repeat it many times over.
func (c *depthCheck) walk(n *yaml.Node, depth int, ptr string) int {
	if c.err != nil {
		return 0
	}
	if n.Kind == yaml.AliasNode {
		target := n.Alias
		if target == nil {
			return 0
		}
		if c.onPath[target] {
			c.err = c.l.fatal(max(n.Line, 1), max(n.Column, 1), ptr, fmt.Sprintf("the alias *%s is inside its own anchor, which makes the document infinitely deep: write a recursive schema with $ref", n.Value))
			return 0
		}
		return c.walk(target, depth, ptr)
	}
	if h, ok := c.height[n]; ok && depth+h <= MaxDepth {
		return h
	}
	level := 0
	if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
		level = 1
	}
	if depth+level > MaxDepth {
		c.err = c.l.fatal(max(n.Line, 1), max(n.Column, 1), ptr, fmt.Sprintf("nested more than %d levels deep: oagen reads specs nested up to %d levels", MaxDepth, MaxDepth))
		return 0
	}
	c.onPath[n] = true
	defer delete(c.onPath, n)
	below := 0
	switch n.Kind {
	case yaml.DocumentNode:
		for _, ch := range n.Content {
			below = max(below, c.walk(ch, depth, ptr))
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			below = max(below, c.walk(n.Content[i+1], depth+1, ptr+"/"+pointerEscape(n.Content[i].Value)))
		}
	case yaml.SequenceNode:
		for i, ch := range n.Content {
			below = max(below, c.walk(ch, depth+1, ptr+"/"+itoa(i)))
		}
	}
	if c.err != nil {
		return 0
	}
	c.height[n] = level + below
	return level + below
}

// jsonPathPointer turns the JSONPath libopenapi places its errors with
// ($.components.schemas['Pet'].properties.id) into a JSON pointer
// (#/components/schemas/Pet/properties/id). A path it cannot read is the
// document's pointer, "#".
func jsonPathPointer(path string) string {
	rest, ok := strings.CutPrefix(path, "$")
	if !ok {
		return "#"
	}
	var b strings.Builder
	b.WriteString("#")
	for rest != "" {
		rest = strings.TrimPrefix(rest, ".")
		var tok string
		switch {
		case strings.HasPrefix(rest, "['"):
			end := strings.Index(rest, "']")
			if end < 0 {
				return "#"
			}
			tok, rest = strings.ReplaceAll(rest[2:end], `\'`, `'`), rest[end+2:]
		case strings.HasPrefix(rest, "["):
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return "#"
			}
			tok, rest = rest[1:end], rest[end+1:]
		default:
			end := strings.IndexAny(rest, ".[")
			if end < 0 {
				end = len(rest)
			}
			tok, rest = rest[:end], rest[end:]
		}
		if tok == "" {
			continue
		}
		b.WriteString("/")
		b.WriteString(pointerEscape(tok))
	}
	return b.String()
}

// libMessage is the first line of a libopenapi error, with advice that
// concerns libopenapi's API rather than the spec replaced.
func libMessage(msg string) string {
	msg = firstLine(msg)
	if strings.Contains(msg, "excessive aliasing") {
		return "YAML aliases expand the document beyond libopenapi's limit against alias bombs: make the repeated schemas components and use $ref"
	}
	return msg
}

// nodeAtPointer is the node of the document a JSON pointer ("#/paths/...")
// names, or nil.
func (l *loader) nodeAtPointer(pointer string) *yaml.Node {
	frag, ok := strings.CutPrefix(pointer, "#")
	if l.root == nil || !ok || frag == "" {
		return nil
	}
	doc := l.root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	return lookupPointer(doc, frag, l.keyIndex())
}

// fixLoneSurrogates replaces each escaped UTF-16 surrogate of a JSON
// document that is not half of a pair (\ud800 alone) with \ufffd, which is
// what a JSON decoder reads it as. The YAML parser that libopenapi reads
// JSON with refuses such an escape. The replacement has the same length, so
// every position stays where it was. data is returned as it is when it has
// none.
func fixLoneSurrogates(data []byte) []byte {
	if !bytes.Contains(data, []byte(`\u`)) {
		return data
	}
	out := data
	copied := false
	inString := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if !inString {
			inString = c == '"'
			continue
		}
		switch c {
		case '"':
			inString = false
		case '\\':
			if i+1 < len(data) && data[i+1] == 'u' {
				r, ok := hex4(data, i+2)
				switch {
				case !ok:
				case r >= 0xD800 && r <= 0xDBFF:
					if lo, ok := escapeAt(data, i+6); ok && lo >= 0xDC00 && lo <= 0xDFFF {
						i += 11 // the pair, whole
						continue
					}
					fallthrough
				case r >= 0xDC00 && r <= 0xDFFF:
					if !copied {
						out, copied = bytes.Clone(data), true
					}
					copy(out[i:], `\ufffd`)
					i += 5
					continue
				}
			}
			i++ // the escaped character
		}
	}
	return out
}

// escapeAt reads a \uXXXX escape at data[i:].
func escapeAt(data []byte, i int) (rune, bool) {
	if i+1 >= len(data) || data[i] != '\\' || data[i+1] != 'u' {
		return 0, false
	}
	return hex4(data, i+2)
}

// hex4 reads four hex digits at data[i:].
func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
