package main

// Values to send: a spec's own examples where it gives them, otherwise
// built from the schema so that a validator accepts them (format, pattern,
// minLength and maxLength, minimum and maximum, multipleOf, minItems, enum,
// const, required members, allOf merged). They are built from libopenapi's
// model of the spec, not from oagen's, so that a mistake of oagen's loader
// cannot hide itself.

import (
	"bytes"
	"encoding/json"
	"math"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi/datamodel/high/base"
)

// maxDepth bounds how deep a built value nests (a recursive schema).
const maxDepth = 10

// nodeJSON writes a YAML node as JSON, keeping the order of mappings and
// the text of numbers and timestamps.
func nodeJSON(n *yaml.Node) json.RawMessage {
	var b bytes.Buffer
	writeNode(&b, n, 0)
	return b.Bytes()
}

func writeNode(b *bytes.Buffer, n *yaml.Node, depth int) {
	if n == nil || depth > 100 {
		b.WriteString("null")
		return
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			writeNode(b, n.Content[0], depth+1)
		} else {
			b.WriteString("null")
		}
	case yaml.AliasNode:
		writeNode(b, n.Alias, depth+1)
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			key, _ := json.Marshal(n.Content[i].Value)
			b.Write(key)
			b.WriteByte(':')
			writeNode(b, n.Content[i+1], depth+1)
		}
		b.WriteByte('}')
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			writeNode(b, c, depth+1)
		}
		b.WriteByte(']')
	default:
		switch n.ShortTag() {
		case "!!null":
			b.WriteString("null")
		case "!!bool":
			b.WriteString(strconv.FormatBool(strings.EqualFold(n.Value, "true")))
		case "!!int", "!!float":
			if json.Valid([]byte(n.Value)) {
				b.WriteString(n.Value)
				return
			}
			if f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
				b.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
				return
			}
			if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
				b.WriteString(strconv.FormatInt(i, 10))
				return
			}
			fallthrough
		default:
			s, _ := json.Marshal(n.Value)
			b.Write(s)
		}
	}
}

// value builds a JSON value for the schema sp, as a request sends it
// (readOnly properties left out).
func value(sp *base.SchemaProxy) json.RawMessage {
	return build(sp, 0)
}

func build(sp *base.SchemaProxy, depth int) json.RawMessage {
	if sp == nil {
		return json.RawMessage(`"value"`)
	}
	s := sp.Schema()
	if s == nil || depth > maxDepth {
		return json.RawMessage(`null`)
	}
	return buildSchema(s, depth)
}

func buildSchema(s *base.Schema, depth int) json.RawMessage {
	switch {
	case s.Const != nil:
		return nodeJSON(s.Const)
	case s.Example != nil:
		return nodeJSON(s.Example)
	case len(s.Examples) > 0:
		return nodeJSON(s.Examples[0])
	}
	for _, e := range s.Enum {
		if j := nodeJSON(e); string(j) != "null" {
			return j
		}
	}
	if s.Default != nil {
		return nodeJSON(s.Default)
	}
	if len(s.AllOf) > 0 {
		return buildAllOf(s, depth)
	}
	if variants := append(append([]*base.SchemaProxy(nil), s.OneOf...), s.AnyOf...); len(variants) > 0 {
		for _, v := range variants {
			vs := v.Schema()
			if vs == nil || isNullOnly(vs) {
				continue
			}
			// A member that only lists required properties (anyOf:
			// [{required: [a]}, {required: [b]}]) picks the parent's.
			if len(vs.Required) > 0 && (vs.Properties == nil || vs.Properties.Len() == 0) && len(vs.Type) == 0 {
				return buildObject(s, depth, vs.Required...)
			}
			got := build(v, depth+1)
			if s.Properties != nil && s.Properties.Len() > 0 {
				return mergeObjects(buildObject(s, depth), got)
			}
			return got
		}
	}
	switch typeOf(s) {
	case "object":
		return buildObject(s, depth)
	case "array":
		return buildArray(s, depth)
	case "integer":
		return json.RawMessage(number(s, true))
	case "number":
		return json.RawMessage(number(s, false))
	case "boolean":
		return json.RawMessage(`true`)
	case "null":
		return json.RawMessage(`null`)
	case "string":
		j, _ := json.Marshal(str(s))
		return j
	}
	return json.RawMessage(`"value"`)
}

func isNullOnly(s *base.Schema) bool {
	return len(s.Type) == 1 && s.Type[0] == "null"
}

// typeOf is the schema's first type other than null, or the one its
// keywords imply.
func typeOf(s *base.Schema) string {
	for _, t := range s.Type {
		if t != "null" {
			return t
		}
	}
	switch {
	case s.Properties != nil && s.Properties.Len() > 0, s.AdditionalProperties != nil, len(s.Required) > 0:
		return "object"
	case s.Items != nil:
		return "array"
	case s.Minimum != nil, s.Maximum != nil:
		return "number"
	case s.Pattern != "", s.Format != "", s.MinLength != nil, s.MaxLength != nil:
		return "string"
	}
	if len(s.Type) == 1 {
		return "null"
	}
	return ""
}

// buildAllOf merges the objects of every member with the schema's own
// properties; a member that is no object wins only when nothing else does.
func buildAllOf(s *base.Schema, depth int) json.RawMessage {
	var out json.RawMessage
	if s.Properties != nil && s.Properties.Len() > 0 || len(s.Required) > 0 {
		out = buildObject(s, depth)
	}
	// Required names an allOf member leaves to the others.
	for _, m := range s.AllOf {
		ms := m.Schema()
		if ms == nil {
			continue
		}
		got := build(m, depth+1)
		if out == nil {
			out = got
			continue
		}
		out = mergeObjects(out, got)
	}
	if out == nil {
		return json.RawMessage(`{}`)
	}
	// A member may require a property another member defines.
	required := map[string]bool{}
	for _, m := range append([]*base.SchemaProxy{base.CreateSchemaProxy(s)}, s.AllOf...) {
		if ms := m.Schema(); ms != nil {
			for _, r := range ms.Required {
				required[r] = true
			}
		}
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(out, &obj) == nil && obj != nil {
		for _, m := range s.AllOf {
			ms := m.Schema()
			if ms == nil || ms.Properties == nil {
				continue
			}
			for name, p := range ms.Properties.FromOldest() {
				if _, ok := obj[name]; !ok && required[name] && !readOnly(p) {
					extra, _ := json.Marshal(map[string]json.RawMessage{name: build(p, depth+1)})
					out = mergeObjects(out, extra)
					obj[name] = nil
				}
			}
		}
	}
	return out
}

// mergeObjects adds b's members that a lacks to a, when both are objects;
// otherwise it returns a.
func mergeObjects(a, b json.RawMessage) json.RawMessage {
	var ao, bo orderedObject
	if !ao.parse(a) || !bo.parse(b) {
		return a
	}
	for _, kv := range bo {
		if !ao.has(kv.key) {
			ao = append(ao, kv)
		}
	}
	return ao.json()
}

type orderedObject []struct {
	key string
	val json.RawMessage
}

func (o *orderedObject) parse(data json.RawMessage) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return false
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return false
		}
		*o = append(*o, struct {
			key string
			val json.RawMessage
		}{t.(string), v})
	}
	return true
}

func (o orderedObject) has(key string) bool {
	for _, kv := range o {
		if kv.key == key {
			return true
		}
	}
	return false
}

func (o orderedObject) json() json.RawMessage {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(kv.key)
		b.Write(k)
		b.WriteByte(':')
		b.Write(kv.val)
	}
	b.WriteByte('}')
	return b.Bytes()
}

func readOnly(p *base.SchemaProxy) bool {
	s := p.Schema()
	return s != nil && s.ReadOnly != nil && *s.ReadOnly
}

// buildObject takes every required property and every optional one that
// has an example of its own, leaving readOnly ones out.
func buildObject(s *base.Schema, depth int, alsoRequired ...string) json.RawMessage {
	required := map[string]bool{}
	for _, r := range append(slices.Clone(s.Required), alsoRequired...) {
		required[r] = true
	}
	var o orderedObject
	if s.Properties != nil {
		for name, p := range s.Properties.FromOldest() {
			ps := p.Schema()
			if ps == nil || readOnly(p) {
				continue
			}
			if !required[name] && ps.Example == nil && len(ps.Examples) == 0 {
				continue
			}
			o = append(o, struct {
				key string
				val json.RawMessage
			}{name, build(p, depth+1)})
		}
	}
	return o.json()
}

func buildArray(s *base.Schema, depth int) json.RawMessage {
	n := int64(1)
	if s.MinItems != nil && *s.MinItems > n {
		n = min(*s.MinItems, 20)
	}
	if s.MaxItems != nil && *s.MaxItems < n {
		n = *s.MaxItems
	}
	var item json.RawMessage = json.RawMessage(`"value"`)
	if s.Items != nil && s.Items.IsA() {
		item = build(s.Items.A, depth+1)
	}
	var b bytes.Buffer
	b.WriteByte('[')
	for i := int64(0); i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(item)
	}
	b.WriteByte(']')
	return b.Bytes()
}

// number is 1 (1.5 for a number), moved into [minimum, maximum] and onto
// a multiple of multipleOf.
func number(s *base.Schema, integer bool) string {
	v := 1.5
	if integer {
		v = 1
	}
	lo, hi := math.Inf(-1), math.Inf(1)
	if s.Minimum != nil {
		lo = *s.Minimum
	}
	if s.ExclusiveMinimum != nil {
		if s.ExclusiveMinimum.IsB() {
			lo = math.Nextafter(s.ExclusiveMinimum.B, math.Inf(1))
		} else if s.ExclusiveMinimum.A && s.Minimum != nil {
			lo = math.Nextafter(*s.Minimum, math.Inf(1))
		}
	}
	if s.Maximum != nil {
		hi = *s.Maximum
	}
	if s.ExclusiveMaximum != nil {
		if s.ExclusiveMaximum.IsB() {
			hi = math.Nextafter(s.ExclusiveMaximum.B, math.Inf(-1))
		} else if s.ExclusiveMaximum.A && s.Maximum != nil {
			hi = math.Nextafter(*s.Maximum, math.Inf(-1))
		}
	}
	if v < lo {
		v = lo
		if integer {
			v = math.Ceil(lo)
		}
	}
	if v > hi {
		v = hi
		if integer {
			v = math.Floor(hi)
		}
	}
	if s.MultipleOf != nil && *s.MultipleOf > 0 {
		m := *s.MultipleOf
		v = math.Ceil(v/m) * m
		if v > hi {
			v = math.Floor(hi/m) * m
		}
	}
	if integer {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// str is a string of the schema's format, matching its pattern, within
// its length bounds.
func str(s *base.Schema) string {
	minLen, maxLen := 0, math.MaxInt
	if s.MinLength != nil {
		minLen = int(min(*s.MinLength, 1000))
	}
	if s.MaxLength != nil {
		maxLen = int(*s.MaxLength)
	}
	if s.Pattern != "" {
		if v, ok := fromPattern(s.Pattern, minLen, maxLen); ok {
			return v
		}
	}
	v := formatExample(s.Format)
	if len(v) < minLen {
		v += strings.Repeat("a", minLen-len(v))
	}
	if len(v) > maxLen {
		v = v[:maxLen]
	}
	return v
}

func formatExample(format string) string {
	switch format {
	case "date-time":
		return "2024-01-02T03:04:05Z"
	case "date":
		return "2024-01-02"
	case "time":
		return "03:04:05Z"
	case "duration":
		return "P1D"
	case "uuid":
		return "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"
	case "uri", "url", "uri-reference", "iri", "iri-reference":
		return "https://example.com"
	case "email", "idn-email":
		return "user@example.com"
	case "ipv4":
		return "192.0.2.1"
	case "ipv6":
		return "2001:db8::1"
	case "hostname", "idn-hostname":
		return "example.com"
	case "byte":
		return "aGVsbG8="
	case "password":
		return "secret"
	}
	return "string"
}

// fromPattern builds a string matching the regular expression pattern and
// between minLen and maxLen bytes long, growing its repeats until it is
// long enough. ECMAScript constructs Go's regexp lacks fail it.
func fromPattern(pattern string, minLen, maxLen int) (string, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", false
	}
	re = re.Simplify()
	check, err := regexp.Compile(pattern)
	if err != nil {
		return "", false
	}
	for reps := 0; reps <= 64; reps++ {
		var b strings.Builder
		writeMatch(&b, re, reps)
		v := b.String()
		if len(v) > maxLen {
			break
		}
		if len(v) >= minLen && check.MatchString(v) {
			return v, true
		}
	}
	return "", false
}

func writeMatch(b *strings.Builder, re *syntax.Regexp, reps int) {
	if b.Len() > 4096 {
		return
	}
	switch re.Op {
	case syntax.OpLiteral:
		b.WriteString(string(re.Rune))
	case syntax.OpCharClass:
		b.WriteRune(pickRune(re.Rune))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte('a')
	case syntax.OpCapture:
		writeMatch(b, re.Sub[0], reps)
	case syntax.OpConcat:
		for _, s := range re.Sub {
			writeMatch(b, s, reps)
		}
	case syntax.OpAlternate:
		writeMatch(b, re.Sub[0], reps)
	case syntax.OpStar:
		for i := 0; i < reps; i++ {
			writeMatch(b, re.Sub[0], reps)
		}
	case syntax.OpPlus:
		for i := 0; i < max(reps, 1); i++ {
			writeMatch(b, re.Sub[0], reps)
		}
	case syntax.OpQuest:
		if reps > 0 {
			writeMatch(b, re.Sub[0], reps)
		}
	case syntax.OpRepeat:
		n := max(re.Min, min(reps, re.Max))
		if re.Max < 0 {
			n = max(re.Min, reps)
		}
		for i := 0; i < n; i++ {
			writeMatch(b, re.Sub[0], reps)
		}
	}
}

// pickRune picks a letter or digit of a character class if it has one.
func pickRune(ranges []rune) rune {
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := ranges[i]; r <= ranges[i+1] && r < ranges[i]+128; r++ {
			if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				return r
			}
		}
	}
	if len(ranges) > 0 {
		return ranges[0]
	}
	return 'a'
}
