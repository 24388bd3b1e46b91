package load

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/pb33f/go-yaml"

	"github.com/oagen-dev/oagen/internal/model"
)

// jsonValue turns a YAML literal (an example, an enum member, a const) into
// its canonical JSON text, keeping mapping keys in document order. YAML
// spellings JSON lacks (.inf, .nan) are errors.
func (l *loader) jsonValue(n *yaml.Node) (*model.Value, error) {
	if n == nil {
		return nil, nil
	}
	var b strings.Builder
	if err := writeJSON(&b, n, 0); err != nil {
		return nil, err
	}
	return &model.Value{JSON: b.String(), Pos: l.pos(n)}, nil
}

const maxValueDepth = 1000

func writeJSON(b *strings.Builder, n *yaml.Node, depth int) error {
	if depth > maxValueDepth {
		return fmt.Errorf("value nested more than %d levels deep", maxValueDepth)
	}
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			b.WriteString("null")
			return nil
		}
		return writeJSON(b, n.Content[0], depth+1)
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := writeJSON(b, c, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte(']')
		return nil
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, dataKey(n.Content[i].Value))
			b.WriteByte(':')
			if err := writeJSON(b, n.Content[i+1], depth+1); err != nil {
				return err
			}
		}
		b.WriteByte('}')
		return nil
	case yaml.ScalarNode:
		return writeScalar(b, n)
	}
	b.WriteString("null")
	return nil
}

func writeScalar(b *strings.Builder, n *yaml.Node) error {
	switch n.ShortTag() {
	case "!!null":
		b.WriteString("null")
	case "!!bool":
		v, err := strconv.ParseBool(strings.ToLower(n.Value))
		if err != nil {
			return fmt.Errorf("invalid boolean %q", n.Value)
		}
		b.WriteString(strconv.FormatBool(v))
	case "!!int":
		s := strings.ReplaceAll(n.Value, "_", "")
		if isJSONNumber(s) {
			b.WriteString(strings.TrimPrefix(s, "+"))
			return nil
		}
		v, err := strconv.ParseInt(s, 0, 64)
		if err != nil {
			return fmt.Errorf("invalid integer %q", n.Value)
		}
		b.WriteString(strconv.FormatInt(v, 10))
	case "!!float":
		s := strings.TrimPrefix(n.Value, "+")
		if isJSONNumber(s) {
			b.WriteString(s)
			return nil
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return fmt.Errorf("number %q has no JSON form", n.Value)
		}
		b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
	default: // !!str, !!timestamp, !!binary and custom tags: the text as written
		writeString(b, n.Value)
	}
	return nil
}

// writeString writes s as a JSON string, leaving <, > and & as they are.
func writeString(b *strings.Builder, s string) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	b.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// isJSONNumber reports whether s is already a valid JSON number literal.
func isJSONNumber(s string) bool {
	return json.Valid([]byte(s)) && s != "" && (s[0] == '-' || s[0] >= '0' && s[0] <= '9')
}
