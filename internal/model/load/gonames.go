package load

import (
	"bytes"
	"io/fs"
	"strconv"
	"strings"

	"github.com/pb33f/go-yaml"

	"github.com/oagen-dev/oagen/internal/model"
)

// PinGoNames reads x-go-name from the spec and pins the names it gives (see
// model.Pin):
//   - on a property (beside its schema or its $ref): the struct field;
//   - on any other schema that becomes a named Go type (a component, an
//     inline object, enum or union): the type;
//   - on an operation: its method.
//
// data is the spec that api was loaded from; path is used only in positions.
// A value that is not a string is an error; whether it is a usable Go name is
// the naming pass's to say (naming.CheckPinned).
func PinGoNames(path string, data []byte, api *model.API) error {
	return PinGoNamesFS(path, data, nil, api)
}

// PinGoNamesFS is PinGoNames for a spec loaded by LoadFS from fsys: x-go-name
// is read from every file of the spec.
func PinGoNamesFS(path string, data []byte, fsys fs.FS, api *model.API) error {
	if !bytes.Contains(data, []byte("x-go-name")) && (fsys == nil || !api.SplitFiles) {
		return nil // nothing to pin: skip parsing the spec a second time
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil || len(root.Content) == 0 {
		return nil // Load has reported it
	}
	// lookup finds the node of a model pointer; posOf places a node.
	lookup := func(pointer string) *yaml.Node { return nodeAt(root.Content[0], pointer) }
	posOf := func(n *yaml.Node) model.Pos { return model.Pos{File: path, Line: n.Line, Col: n.Column} }
	localize := func(_ model.Pos, pointer string) string { return pointer }
	if fsys != nil && hasOuterRef(&root) {
		// Read from the spec's files put together, as Load read them.
		l := &loader{file: path, byPointer: map[string]*model.Type{}, fsys: fsys}
		bundled, err := l.bundle(fixLoneSurrogates(data), []byte("x-go-name"))
		if err != nil || bundled == nil {
			return nil // Load has reported it, or there is no x-go-name
		}
		data = bundled
		var broot yaml.Node
		if err := yaml.Unmarshal(bundled, &broot); err != nil || len(broot.Content) == 0 {
			return nil
		}
		l.files.mapPositions(&broot, l.files.mine)
		lookup = func(pointer string) *yaml.Node { return nodeAt(broot.Content[0], l.files.bundledPointer(pointer)) }
		posOf = l.files.pos
		localize = l.files.localize
	}
	if !bytes.Contains(data, []byte("x-go-name")) {
		return nil
	}
	var errs model.Diagnostics
	pin := func(pointer string) *model.Pin {
		n := lookup(pointer)
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value != "x-go-name" {
				continue
			}
			v := n.Content[i+1]
			pos := posOf(v)
			if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!str" {
				errs = append(errs, &model.Diagnostic{Pos: pos, Pointer: localize(pos, pointer+"/x-go-name"), Message: "x-go-name must be a string: the Go name to use"})
				return nil
			}
			return &model.Pin{Name: v.Value, Pos: pos, Source: "x-go-name"}
		}
		return nil
	}
	fields := map[string]bool{}
	for _, t := range api.Types {
		for _, f := range t.Fields {
			fields[f.Pointer] = true
			if p := pin(f.Pointer); p != nil {
				f.Pin = p
			}
		}
	}
	for _, t := range api.Types {
		if t.Named && !fields[t.Pointer] {
			if p := pin(t.Pointer); p != nil {
				t.Pin = p
			}
		}
	}
	for _, op := range api.Operations {
		if p := pin(op.Pointer); p != nil {
			op.Pin = p
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return errs
	}
	return nil
}

// nodeAt finds the node a JSON pointer such as
// "#/components/schemas/Pet/properties/id" names, or nil.
func nodeAt(n *yaml.Node, pointer string) *yaml.Node {
	rest, ok := strings.CutPrefix(pointer, "#")
	if !ok {
		return nil
	}
	if rest == "" {
		return n
	}
	for _, tok := range strings.Split(strings.TrimPrefix(rest, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		for n != nil && n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		if n == nil {
			return nil
		}
		switch n.Kind {
		case yaml.MappingNode:
			var next *yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == tok {
					next = n.Content[i+1]
					break
				}
			}
			n = next
		case yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil
			}
			n = n.Content[i]
		default:
			return nil
		}
	}
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}
