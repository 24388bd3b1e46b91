package load

import (
	"net/url"
	"strings"

	"github.com/pb33f/go-yaml"
)

// danglingRefs reports every local $ref that points to nothing, and every
// $ref to another file, at the place it is written. A spec
// loaded with its folder and $refs to other files is checked by the bundler
// (files.go) instead.
func (l *loader) danglingRefs(root *yaml.Node) {
	if root == nil {
		return
	}
	doc := root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	walkRefs(doc, func(key *yaml.Node, ref, ptr string) { l.checkRef(doc, key, ref, ptr) })
}

// walkRefs calls visit for every $ref of the tree below n, with the $ref's
// key node and the JSON pointer of the object it is written in. A $ref key
// inside data (an example, a default, an extension's value: see isDataRef)
// is a member of that data, not a reference, and is not visited.
func walkRefs(n *yaml.Node, visit func(key *yaml.Node, ref, ptr string)) {
	var walk func(n *yaml.Node, ptr string, depth int)
	walk = func(n *yaml.Node, ptr string, depth int) {
		if depth > MaxDepth+2 {
			return
		}
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, ptr, depth+1)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Value == "$ref" && v.Kind == yaml.ScalarNode {
					visit(k, v.Value, ptr)
					continue
				}
				if isDataRef(ptr, k.Value, v) {
					continue
				}
				walk(v, ptr+"/"+pointerEscape(k.Value), depth+1)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, ptr+"/"+itoa(i), depth+1)
			}
		}
	}
	walk(n, "#", 0)
}

// dataRefMark is put before each $ref key inside data (hideDataRefs), and
// before every data key that already starts with it, so that dataKey undoes
// the renaming exactly.
const dataRefMark = "\x00"

// hideDataRefs renames the $ref keys inside data (see isDataRef) so that
// libopenapi, which resolves every $ref it finds outside example and
// examples (in a default, a const, an enum, an extension), leaves them
// alone; writeJSON gives them their name back. A node with an anchor is
// left as it is: an alias may use it where a $ref is a reference.
func hideDataRefs(root *yaml.Node) {
	var walk func(n *yaml.Node, ptr string, depth int)
	walk = func(n *yaml.Node, ptr string, depth int) {
		if depth > MaxDepth+2 {
			return
		}
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, ptr, depth+1)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if isDataRef(ptr, k.Value, v) {
					markDataKeys(v, depth+1)
					continue
				}
				walk(v, ptr+"/"+pointerEscape(k.Value), depth+1)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, ptr+"/"+itoa(i), depth+1)
			}
		}
	}
	walk(root, "#", 0)
}

func markDataKeys(n *yaml.Node, depth int) {
	if depth > MaxDepth+2 || n.Anchor != "" {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Value == "$ref" || strings.HasPrefix(k.Value, dataRefMark) {
				k.Value = dataRefMark + k.Value
			}
			markDataKeys(n.Content[i+1], depth+1)
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			markDataKeys(c, depth+1)
		}
	}
}

// dataKey is the key of a data mapping as the spec wrote it.
func dataKey(k string) string { return strings.TrimPrefix(k, dataRefMark) }

// isDataRef reports whether v, the value of key in the object at ptr, is
// data in which a $ref key is a member like any other: an example, a
// default, a const, enum members, an Example Object's value, the value of
// an x- extension. SCIM documents, for one, hold "$ref": "https://..." in
// their examples; resolving it would refuse the spec as remote. The keys of
// properties and the other maps of names are names, not keywords (a
// property may be called example). examples is data when it is a schema's
// list; a map of Example Objects holds $refs to components/examples, which
// are references, and values, which are data.
func isDataRef(ptr, key string, v *yaml.Node) bool {
	if namesMap(ptr) || ptr == "#" && key == filesKey { // the other files of a bundled spec: spec objects
		return false
	}
	switch key {
	case "example", "default", "enum", "const":
		return true
	case "examples":
		return v.Kind == yaml.SequenceNode
	case "value", "dataValue":
		// The value of an Example Object: #/components/examples/E, or
		// .../examples/E under a media type, parameter or header.
		parent, _ := cutLast(ptr)
		_, last := cutLast(parent)
		return last == "examples" && namesMap(parent)
	}
	return strings.HasPrefix(key, "x-")
}

// namesMap reports whether the object at ptr maps names to objects
// (properties, responses, content, the maps of components, ...), so that
// its keys are names, not keywords: a property may be called example, a
// response is called default. A names map's own entries are not names maps
// (a property called responses is a schema). The cost is the pointer's
// depth, which the loader bounds.
func namesMap(ptr string) bool {
	if ptr == "#" || ptr == "" {
		return false
	}
	parent, last := cutLast(ptr)
	if namesMap(parent) {
		return false
	}
	if parent == "#/components" || ptr == "#/paths" || ptr == "#/webhooks" {
		return true
	}
	switch last {
	case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas",
		"responses", "headers", "content", "encoding", "links", "callbacks", "variables", "examples", "mapping", "scopes":
		return true
	}
	return false
}

// cutLast splits a JSON pointer before its last segment, still escaped.
func cutLast(ptr string) (string, string) {
	i := strings.LastIndexByte(ptr, '/')
	if i < 0 {
		return "", ptr
	}
	return ptr[:i], ptr[i+1:]
}

// walkNodes calls visit for n and every node below it, in document order,
// with its JSON pointer; a mapping's key and value both take the key's
// pointer. visit returns false to skip what is below a node. The walk stops
// a little past MaxDepth, which the loader refuses before walking.
func walkNodes(n *yaml.Node, visit func(n *yaml.Node, ptr string) bool) {
	var walk func(n *yaml.Node, ptr string, depth int)
	walk = func(n *yaml.Node, ptr string, depth int) {
		if depth > MaxDepth+2 || !visit(n, ptr) {
			return
		}
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, ptr, depth+1)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				kptr := ptr + "/" + pointerEscape(n.Content[i].Value)
				if n.Content[i].Kind != yaml.ScalarNode {
					// A complex key (an error) names no member: it is
					// placed as its mapping.
					walk(n.Content[i], ptr, depth+1)
					walk(n.Content[i+1], ptr, depth+1)
					continue
				}
				walk(n.Content[i], kptr, depth+1)
				walk(n.Content[i+1], kptr, depth+1)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, ptr+"/"+itoa(i), depth+1)
			}
		}
	}
	walk(n, "#", 0)
}

func (l *loader) checkRef(doc, at *yaml.Node, ref, ptr string) {
	file, frag, _ := strings.Cut(ref, "#")
	if file != "" {
		if strings.Contains(file, "://") {
			l.errorf(l.pos(at), ptr, "$ref %q is remote: oagen reads one file and fetches nothing; bundle the spec into one file first (e.g. redocly bundle)", ref)
			return
		}
		l.errorf(l.pos(at), ptr, "$ref %q points into another file, and the spec was loaded without its folder (load.Load): use load.LoadFS", ref)
		return
	}
	if frag != "" && !strings.HasPrefix(frag, "/") {
		l.errorf(l.pos(at), ptr, "$ref %q: a JSON pointer starts with a slash after the #: write %q", ref, "#/"+frag)
		return
	}
	if frag == "" || lookupPointer(doc, frag, l.keyIndex()) != nil {
		return
	}
	l.errorf(l.pos(at), ptr, "$ref %q points to nothing in this document", ref)
}

// keyIndex is the loader's index of mapping keys, made on first use.
func (l *loader) keyIndex() keyIndex {
	if l.keys == nil {
		l.keys = keyIndex{}
	}
	return l.keys
}

// keyIndex maps each mapping node looked into to its values by key, so that
// resolving every $ref of a spec with thousands of components is not
// quadratic. The first of two equal keys wins, as in a linear search.
type keyIndex map[*yaml.Node]map[string]*yaml.Node

func (ix keyIndex) value(m *yaml.Node, key string) *yaml.Node {
	byKey, ok := ix[m]
	if !ok {
		byKey = make(map[string]*yaml.Node, len(m.Content)/2)
		for i := 0; i+1 < len(m.Content); i += 2 {
			if _, dup := byKey[m.Content[i].Value]; !dup {
				byKey[m.Content[i].Value] = m.Content[i+1]
			}
		}
		ix[m] = byKey
	}
	return byKey[key]
}

// lookupPointer finds the node a JSON pointer fragment ("/components/...")
// names, or nil. ix may be nil.
func lookupPointer(doc *yaml.Node, frag string, ix keyIndex) *yaml.Node {
	if dec, err := url.PathUnescape(frag); err == nil {
		frag = dec
	}
	if frag == "" || frag == "/" {
		return doc
	}
	n := doc
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			if ix != nil {
				next = ix.value(n, tok)
				break
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == tok {
					next = n.Content[i+1]
					break
				}
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				if itoa(i) == tok {
					next = c
					break
				}
			}
		}
		if next == nil {
			return nil
		}
		n = next
	}
	return n
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
