package load

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"github.com/pb33f/go-yaml"

	"github.com/oagen-dev/oagen/internal/model"
)

// checkLoneCR refuses a carriage return that is not followed by a line
// feed. YAML counts it as a line break and positions do not, so every
// message after it would be placed wrong (past the end of the file).
func (l *loader) checkLoneCR(data []byte) error {
	for i := bytes.IndexByte(data, '\r'); i >= 0; {
		if i+1 == len(data) || data[i+1] != '\n' {
			line, col := lineCol(data, i)
			return l.fatal(line, col, "#", "a carriage return (CR) without a line feed ends a line here: use LF or CRLF line endings")
		}
		next := bytes.IndexByte(data[i+1:], '\r')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return nil
}

// checkOneDocument refuses a YAML stream of more than one document: what
// follows the first would be dropped silently.
func (l *loader) checkOneDocument(data []byte) error {
	if !bytes.Contains(data, []byte("---")) {
		return nil // no document marker: one document
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var first, second yaml.Node
	if dec.Decode(&first) != nil || dec.Decode(&second) != nil {
		return nil // one document, or errors the parse reports
	}
	line, col := max(second.Line, 1), max(second.Column, 1)
	if len(second.Content) > 0 {
		line, col = second.Content[0].Line, second.Content[0].Column
	}
	return l.fatal(line, col, "#", "the file holds a second YAML document: oagen reads one document per file; remove it or move it into a file of its own")
}

// precheck walks the document once for what libopenapi accepts silently or
// reports unplaced: complex keys, YAML tags, a $ref that is not a string
// or does not point to a schema, a schema that is not an object, a media
// type with control characters. Names that look like other names (mixed
// scripts, invisible characters) are warnings.
//
// On the bundled document of a spec in several files (see files.go), the
// other files' content is under x-oagen-files, which is walked where a $ref
// reaches it, as what the $ref stands for (a schema, a path item, ...).
func (l *loader) precheck(root *yaml.Node) {
	doc := root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	type visit struct {
		n      *yaml.Node
		schema bool
	}
	reached := map[visit]bool{}
	var walk func(n *yaml.Node, ptr string, schema bool, depth int)
	walk = func(n *yaml.Node, ptr string, schema bool, depth int) {
		if depth > MaxDepth+2 {
			return
		}
		if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
			l.errorf(l.pos(n), ptr, "the YAML tag %s is not supported: a spec is JSON written as YAML, and JSON has no tags (to use another file, write a $ref)", n.Tag)
		}
		if schema {
			l.checkSchemaNode(doc, n, ptr)
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				kptr := ptr + "/" + pointerEscape(k.Value)
				if k.Kind != yaml.ScalarNode {
					l.errorf(l.pos(k), ptr, "a mapping key that is not a string (a YAML complex key): JSON keys are strings")
					continue
				}
				if isData(ptr, k.Value) {
					// Values, not spec objects: a member named $ref there is data.
					walkTags(v, kptr, depth+1, l)
					continue
				}
				if k.Value == "$ref" && v.Kind != yaml.ScalarNode {
					l.errorf(l.pos(v), ptr, "$ref must be a string (a URI reference), not %s", nodeKind(v))
				}
				if k.Value == "$ref" && v.Kind == yaml.ScalarNode && strings.HasPrefix(v.Value, filesPrefix) {
					// Another file's content: once for each way it is used.
					if t := lookupPointer(doc, v.Value[1:], l.keyIndex()); t != nil && !reached[visit{t, schema}] {
						reached[visit{t, schema}] = true
						walk(t, v.Value, schema, depth+1)
					}
				}
				if strings.HasSuffix(ptr, "/content") && strings.IndexFunc(k.Value, unicode.IsControl) >= 0 {
					l.errorf(l.pos(k), ptr, "the media type %q holds a control character", k.Value)
				}
				if strings.HasSuffix(ptr, "/properties") || ptr == "#/components/schemas" {
					l.checkName(k, ptr) // the key's own pointer would hold what is hidden
				}
				walk(v, kptr, isSchemaSlot(ptr, k.Value), depth+1)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, ptr+"/"+itoa(i), strings.HasSuffix(ptr, "/allOf") || strings.HasSuffix(ptr, "/oneOf") || strings.HasSuffix(ptr, "/anyOf") || strings.HasSuffix(ptr, "/prefixItems"), depth+1)
			}
		}
	}
	walk(doc, "#", false, 0)
}

// isData reports whether the value of key, in the object at ptr, is data
// (an example, a default, an enum, an extension) rather than spec objects.
func isData(ptr, key string) bool {
	if strings.HasSuffix(ptr, "/properties") || strings.HasSuffix(ptr, "/responses") || isComponentMap(ptr) {
		return false // a property named example, the default response
	}
	switch key {
	case "example", "examples", "default", "enum", "const":
		return true
	}
	return strings.HasPrefix(key, "x-")
}

// isComponentMap reports whether ptr is a map of named components
// (#/components/schemas, #/components/responses, ...), whose keys are names.
func isComponentMap(ptr string) bool {
	rest, ok := strings.CutPrefix(ptr, "#/components/")
	return ok && !strings.Contains(rest, "/")
}

// walkTags reports the YAML tags below n, in data.
func walkTags(n *yaml.Node, ptr string, depth int, l *loader) {
	if depth > MaxDepth+2 {
		return
	}
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		l.errorf(l.pos(n), ptr, "the YAML tag %s is not supported: a spec is JSON written as YAML, and JSON has no tags (to use another file, write a $ref)", n.Tag)
	}
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 {
			continue
		}
		walkTags(c, ptr, depth+1, l)
	}
}

// isSchemaSlot reports whether the value of key, in the object at ptr, is a
// schema: a component schema, a property, items, a media type's or a
// parameter's schema.
func isSchemaSlot(ptr, key string) bool {
	switch {
	case ptr == "#/components/schemas", strings.HasSuffix(ptr, "/properties") && !strings.HasSuffix(ptr, "/properties/properties"):
		return true
	}
	switch key {
	case "schema", "items", "additionalProperties", "not":
		return !strings.HasSuffix(ptr, "/properties")
	}
	return false
}

// checkSchemaNode reports a schema that is neither an object nor a boolean,
// and a $ref in a schema that points to something that is not a schema.
func (l *loader) checkSchemaNode(doc, n *yaml.Node, ptr string) {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch {
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool":
		return // true and false are schemas
	case n.Kind != yaml.MappingNode:
		l.errorf(l.pos(n), ptr, "a schema must be an object (or true or false), not %s", nodeKind(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Value != "$ref" || v.Kind != yaml.ScalarNode || !strings.HasPrefix(v.Value, "#/") {
			continue
		}
		if what := notASchema(v.Value); what != "" {
			l.errorf(l.pos(v), ptr, "$ref %q points to %s, not to a schema", l.files.writtenRef(v), what)
			continue
		}
		if t := lookupPointer(doc, v.Value[1:], l.keyIndex()); t != nil && t.Kind != yaml.MappingNode && t.Kind != yaml.AliasNode && t.ShortTag() != "!!bool" {
			l.errorf(l.pos(v), ptr, "$ref %q points to %s, not to a schema", l.files.writtenRef(v), nodeKind(t))
		}
	}
}

// notASchema names the object of the document a pointer names when it is
// one that is never a schema: #/info, #/paths, #/components, ...
func notASchema(ref string) string {
	parts := strings.Split(strings.TrimPrefix(ref, "#/"), "/")
	switch {
	case len(parts) == 1:
		return "the document's " + parts[0]
	case len(parts) == 2 && parts[0] == "components":
		return "the components' " + parts[1]
	case len(parts) == 2 && parts[0] == "paths":
		return "a path item"
	}
	return ""
}

func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "null"
		case "!!int", "!!float":
			return "a number"
		case "!!bool":
			return "a boolean"
		}
		return "a string"
	}
	return "an alias"
}

// checkName warns of a schema or property name that looks like another:
// one mixing Latin, Cyrillic and Greek letters (Pet and Pеt with a
// Cyrillic е), or holding a character that is not shown (a zero-width
// space, a bidi control). Their Go names may collide or deceive.
func (l *loader) checkName(k *yaml.Node, ptr string) {
	name := k.Value
	for _, r := range name {
		if unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r) {
			l.warns = append(l.warns, &model.Diagnostic{Pos: l.pos(k), Pointer: ptr,
				Message: fmt.Sprintf("the name %q holds the invisible character %U: it looks like a name without it", name, r)})
			return
		}
	}
	var scripts []string
	for _, s := range []struct {
		name  string
		table *unicode.RangeTable
	}{{"Latin", unicode.Latin}, {"Cyrillic", unicode.Cyrillic}, {"Greek", unicode.Greek}} {
		if strings.IndexFunc(name, func(r rune) bool { return unicode.Is(s.table, r) }) >= 0 {
			scripts = append(scripts, s.name)
		}
	}
	if len(scripts) > 1 {
		l.warns = append(l.warns, &model.Diagnostic{Pos: l.pos(k), Pointer: ptr,
			Message: fmt.Sprintf("the name %q mixes %s letters, which look alike: it may be mistaken for another name", name, strings.Join(scripts, " and "))})
	}
}
