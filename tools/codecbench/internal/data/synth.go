// Package data builds the benchmark's JSON bodies from the examples of an
// OpenAPI document, deterministically: the same spec gives the same bytes.
//
// A value is either an example document of the spec varied per item (Vary),
// or made from its schema alone (Value): an object from its properties (all
// of them, nullable ones with a value), a scalar from its example, else from
// its type. Item n of a list differs from item m in its ids, date-times and
// free strings (and, for Value, its enum choices), so a codec cannot win by
// seeing one string over and over, while every value stays valid for its
// schema (ogen validates what it decodes).
package data

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Spec is a parsed OpenAPI document.
type Spec struct {
	root any
}

// Load reads an OpenAPI document in YAML or JSON.
func Load(path string) (*Spec, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var root any
	if err := yaml.Unmarshal(b, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &Spec{root: root}, nil
}

// Resolve returns the node at a JSON pointer such as
// "#/components/schemas/PortingOrder".
func (s *Spec) Resolve(ptr string) (any, error) {
	if !strings.HasPrefix(ptr, "#") {
		return nil, fmt.Errorf("%s: only local references are supported", ptr)
	}
	node := s.root
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "#"), "/")[1:] {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch n := node.(type) {
		case map[string]any:
			v, ok := n[tok]
			if !ok {
				return nil, fmt.Errorf("%s: no member %q", ptr, tok)
			}
			node = v
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n) {
				return nil, fmt.Errorf("%s: no index %q", ptr, tok)
			}
			node = n[i]
		default:
			return nil, fmt.Errorf("%s: %q is inside a scalar", ptr, tok)
		}
	}
	return node, nil
}

// Value makes item n of the schema at ptr. Arrays inside it get
// ArrayLen items.
func (s *Spec) Value(ptr string, n int) (any, error) {
	schema, err := s.Resolve(ptr)
	if err != nil {
		return nil, err
	}
	g := &gen{spec: s, item: n, seen: map[string]int{}}
	v := g.value(schema, ptr, 0)
	return v, g.err
}

// ArrayLen is how many items an array inside a made value has.
const ArrayLen = 2

// maxDepth bounds recursive schemas: past it an object is left empty.
const maxDepth = 12

type gen struct {
	spec *Spec
	item int
	seen map[string]int // $refs being expanded, against recursion
	err  error
}

func (g *gen) value(node any, path string, depth int) any {
	schema, ok := node.(map[string]any)
	if !ok {
		return nil
	}
	if ref, ok := schema["$ref"].(string); ok {
		if g.seen[ref] > 0 || depth > maxDepth {
			return nil
		}
		target, err := g.spec.Resolve(ref)
		if err != nil {
			g.err = err
			return nil
		}
		g.seen[ref]++
		defer func() { g.seen[ref]-- }()
		return g.value(target, ref, depth+1)
	}
	if all, ok := schema["allOf"].([]any); ok {
		merged := map[string]any{}
		for i, sub := range all {
			if m, ok := g.value(sub, path+"/allOf/"+strconv.Itoa(i), depth+1).(map[string]any); ok {
				for k, v := range m {
					merged[k] = v
				}
			}
		}
		for k, v := range g.object(schema, path, depth) {
			merged[k] = v
		}
		return merged
	}
	for _, kw := range []string{"oneOf", "anyOf"} {
		if alts, ok := schema[kw].([]any); ok {
			// The first variant that is not null: the one a reader of the
			// spec would expect.
			for i, alt := range alts {
				if m, ok := alt.(map[string]any); ok && m["type"] == "null" {
					continue
				}
				return g.value(alt, path+"/"+kw+"/"+strconv.Itoa(i), depth+1)
			}
			return nil
		}
	}
	if enum, ok := schema["enum"].([]any); ok && len(enum) > 0 {
		var choices []any
		for _, e := range enum {
			if e != nil {
				choices = append(choices, e)
			}
		}
		if len(choices) > 0 {
			return choices[(g.item+int(hash(path)))%len(choices)]
		}
	}
	switch typeOf(schema) {
	case "object":
		return g.object(schema, path, depth)
	case "array":
		items := make([]any, 0, ArrayLen)
		for i := range ArrayLen {
			items = append(items, g.valueItem(schema["items"], path+"/items", depth+1, i))
		}
		return items
	case "string":
		return g.str(schema, path)
	case "integer":
		if ex, ok := schema["example"]; ok {
			if n, ok := toInt(ex); ok {
				return n
			}
		}
		if min, ok := toInt(schema["minimum"]); ok {
			return min
		}
		return int64(g.item % 100)
	case "number":
		if ex, ok := schema["example"].(float64); ok {
			return ex
		}
		if ex, ok := toInt(schema["example"]); ok {
			return ex
		}
		return 1.5 + float64(g.item%100)
	case "boolean":
		if ex, ok := schema["example"].(bool); ok {
			return ex
		}
		return g.item%2 == 0
	}
	if ex, ok := schema["example"]; ok {
		return ex
	}
	if _, ok := schema["properties"]; ok {
		return g.object(schema, path, depth)
	}
	return nil
}

// valueItem makes item i of an array: the same schema, a varied value.
func (g *gen) valueItem(node any, path string, depth, i int) any {
	saved := g.item
	g.item = g.item*ArrayLen + i
	defer func() { g.item = saved }()
	return g.value(node, path, depth)
}

func (g *gen) object(schema map[string]any, path string, depth int) map[string]any {
	obj := map[string]any{}
	props, _ := schema["properties"].(map[string]any)
	if depth > maxDepth {
		return obj
	}
	names := make([]string, 0, len(props))
	for name := range props {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		v := g.value(props[name], path+"/properties/"+name, depth+1)
		if v == nil && !nullable(props[name]) {
			continue // a recursive reference cut short, or nothing to say
		}
		obj[name] = v
	}
	return obj
}

var digits = regexp.MustCompile(`^\+?\d+$`)

// Date-times are whole seconds: ogen writes them so (RFC 3339 without a
// fraction), and every implementation then writes back what it read.
var baseTime = time.Date(2024, 3, 19, 10, 7, 15, 0, time.UTC)

func (g *gen) str(schema map[string]any, path string) any {
	ex, hasEx := schema["example"].(string)
	salt := g.item + int(hash(path)%1000)
	switch schema["format"] {
	case "uuid":
		return uuid(path, g.item)
	case "date-time":
		return baseTime.Add(time.Duration(salt) * 97 * time.Second).Format(time.RFC3339)
	case "date":
		return baseTime.AddDate(0, 0, salt%365).Format(time.DateOnly)
	case "uri", "url":
		if hasEx {
			return ex
		}
		return "https://example.com/item/" + strconv.Itoa(g.item)
	case "email":
		return "user" + strconv.Itoa(g.item) + "@example.com"
	}
	if !hasEx {
		ex = "value"
	}
	if _, ok := schema["pattern"]; ok {
		// A phone number and the like: vary the last digits, keep the shape.
		if digits.MatchString(ex) && len(ex) > 4 {
			return ex[:len(ex)-4] + fmt.Sprintf("%04d", g.item%10000)
		}
		return ex
	}
	if s, ok := g.shaped(ex, path); ok {
		return s
	}
	s := ex + " " + strconv.Itoa(g.item)
	if max, ok := toInt(schema["maxLength"]); ok && int64(len(s)) > max {
		return ex
	}
	return s
}

var uuidShape = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// shaped varies a free string that looks like an id, a number or a
// date-time in its own shape.
func (g *gen) shaped(ex, path string) (string, bool) {
	switch {
	case uuidShape.MatchString(ex):
		return uuid(path, g.item), true
	case digits.MatchString(ex) && len(ex) > 4:
		return ex[:len(ex)-4] + fmt.Sprintf("%04d", g.item%10000), true
	}
	if t, err := time.Parse(time.RFC3339Nano, ex); err == nil {
		return t.Truncate(time.Second).Add(time.Duration(g.item) * 97 * time.Second).Format(time.RFC3339), true
	}
	return "", false
}

func typeOf(schema map[string]any) string {
	switch t := schema["type"].(type) {
	case string:
		return t
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok && s != "null" {
				return s
			}
		}
	}
	return ""
}

func nullable(node any) bool {
	schema, _ := node.(map[string]any)
	if schema["nullable"] == true {
		return true
	}
	if ts, ok := schema["type"].([]any); ok {
		for _, t := range ts {
			if t == "null" {
				return true
			}
		}
	}
	return false
}

func toInt(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int64:
		return n, true
	case uint64:
		return int64(n), true
	case float64:
		if n == float64(int64(n)) {
			return int64(n), true
		}
	}
	return 0, false
}

func hash(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// uuid is a version-4-shaped UUID from the path and the item number.
func uuid(path string, item int) string {
	h := fnv.New128a()
	fmt.Fprintf(h, "%s#%d", path, item)
	b := h.Sum(nil)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// Marshal encodes v as compact JSON with sorted keys.
func Marshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // made from YAML scalars, maps and slices: cannot fail
	}
	return b
}

// Vary returns item n of an example document: example with its ids,
// date-times and free strings changed for n, following the schema at ptr so
// that every value stays valid. Members, nulls, numbers, booleans and enum
// values stay as the example has them.
func (s *Spec) Vary(example any, ptr string, n int) (any, error) {
	schema, err := s.Resolve(ptr)
	if err != nil {
		return nil, err
	}
	g := &gen{spec: s, item: n, seen: map[string]int{}}
	v := g.vary(example, schema, ptr, 0)
	return v, g.err
}

func (g *gen) vary(v any, node any, path string, depth int) any {
	schema := g.flatten(node, depth)
	switch v := v.(type) {
	case map[string]any:
		props, _ := schema["properties"].(map[string]any)
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = g.vary(x, props[k], path+"/"+k, depth+1)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			saved := g.item
			g.item = g.item*ArrayLen + i
			out[i] = g.vary(x, schema["items"], path+"/items", depth+1)
			g.item = saved
		}
		return out
	case string:
		if _, ok := schema["enum"]; ok {
			return v
		}
		if pat, ok := schema["pattern"].(string); ok {
			if re, err := regexp.Compile(pat); err == nil && !re.MatchString(v) {
				// The example breaks its own pattern ("{e.164 TN}"): take
				// the schema's.
				return g.str(schema, path)
			}
		}
		if schema["format"] == nil && schema["pattern"] == nil {
			if max, ok := toInt(schema["maxLength"]); ok && int64(len(v))+6 > max {
				return v
			}
			if s, ok := g.shaped(v, path); ok {
				return s
			}
			return v + " " + strconv.Itoa(g.item)
		}
		schema = withExample(schema, v)
		return g.str(schema, path)
	}
	return v
}

// flatten resolves a schema to one object schema: $ref followed, allOf's
// properties merged, the first non-null variant of oneOf or anyOf.
func (g *gen) flatten(node any, depth int) map[string]any {
	schema, _ := node.(map[string]any)
	if schema == nil || depth > 4*maxDepth {
		return map[string]any{}
	}
	if ref, ok := schema["$ref"].(string); ok {
		target, err := g.spec.Resolve(ref)
		if err != nil {
			g.err = err
			return map[string]any{}
		}
		return g.flatten(target, depth+1)
	}
	if all, ok := schema["allOf"].([]any); ok {
		merged := map[string]any{}
		props := map[string]any{}
		for _, sub := range append(all, withoutAllOf(schema)) {
			f := g.flatten(sub, depth+1)
			for k, v := range f {
				merged[k] = v
			}
			if p, ok := f["properties"].(map[string]any); ok {
				for k, v := range p {
					props[k] = v
				}
			}
		}
		merged["properties"] = props
		return merged
	}
	for _, kw := range []string{"oneOf", "anyOf"} {
		if alts, ok := schema[kw].([]any); ok {
			for _, alt := range alts {
				if m, ok := alt.(map[string]any); ok && m["type"] == "null" {
					continue
				}
				return g.flatten(alt, depth+1)
			}
		}
	}
	return schema
}

func withoutAllOf(schema map[string]any) map[string]any {
	out := make(map[string]any, len(schema))
	for k, v := range schema {
		if k != "allOf" {
			out[k] = v
		}
	}
	return out
}

func withExample(schema map[string]any, ex string) map[string]any {
	out := make(map[string]any, len(schema)+1)
	for k, v := range schema {
		out[k] = v
	}
	out["example"] = ex
	return out
}
