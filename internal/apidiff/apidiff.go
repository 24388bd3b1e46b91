// Package apidiff compares the Go API that two versions of a spec generate:
// which exported types, struct fields, methods, functions and constants
// (enum constants among them) were added, removed, renamed or retyped.
//
// What a Go name stands for comes from the named models: a type is the
// schema at its JSON pointer, a field is a property of that schema, a method
// is an operation (method and path), an enum constant is a value of its
// enum. So when the naming of a schema changes, the report says "renamed
// A → B" rather than "removed A, added B". The Go types themselves are read
// from the rendered files with go/parser, so the report shows exactly what a
// user of the package sees.
package apidiff

import (
	"bytes"
	"cmp"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/oagen-dev/oagen/internal/model"
)

// Side is one version: its model after the naming pass and the files
// generated from it (base name → content; *_test.go files are ignored).
type Side struct {
	API   *model.API
	Files map[string][]byte
}

// Change is one difference in the Go API.
type Change struct {
	What     string `json:"what"`              // "type", "field", "method", "function", "constant" or "variable"
	Change   string `json:"change"`            // "added", "removed", "renamed" or "retyped"
	Name     string `json:"name"`              // e.g. "PortingOrder.Misc"; the old name when renamed
	NewName  string `json:"newName,omitempty"` // when renamed
	Old      string `json:"old,omitempty"`     // the Go type or signature before; empty when added
	New      string `json:"new,omitempty"`     // after; empty when removed
	Breaking bool   `json:"breaking"`          // everything but an addition breaks some user code
}

// String renders c on one line, e.g.
// "retyped field PortingOrder.Misc: Opt[PortingOrderMisc] → Nullable[PortingOrderMisc]".
func (c Change) String() string {
	switch c.Change {
	case "added":
		return fmt.Sprintf("added %s %s %s", c.What, c.Name, c.New)
	case "removed":
		return fmt.Sprintf("removed %s %s %s", c.What, c.Name, c.Old)
	case "renamed":
		s := fmt.Sprintf("renamed %s %s → %s", c.What, c.Name, c.NewName)
		if c.Old != c.New {
			s += fmt.Sprintf(": %s → %s", c.Old, c.New)
		}
		return s
	}
	return fmt.Sprintf("%s %s %s: %s → %s", c.Change, c.What, c.Name, c.Old, c.New)
}

var whatOrder = map[string]int{"type": 0, "field": 1, "method": 2, "function": 3, "constant": 4, "variable": 5}

// Compare reports how the Go API of new differs from that of old, sorted:
// breaking changes first, then by kind of declaration and name.
func Compare(old, new Side) ([]Change, error) {
	od, err := decls(old.Files)
	if err != nil {
		return nil, fmt.Errorf("old: %w", err)
	}
	nd, err := decls(new.Files)
	if err != nil {
		return nil, fmt.Errorf("new: %w", err)
	}
	oid, nid := identities(old.API), identities(new.API)

	// Renamed types first: their members and every type expression that
	// mentions them are translated to the new names before comparing, so a
	// renamed type is reported once, not once per use.
	typeRenames := map[string]string{}
	renamed := map[string]string{} // old decl name → new decl name
	for _, keys := range [][]string{oid.typeKeys, oid.typeFallbackKeys} {
		for _, k := range keys {
			a, b := oid.names[k], nid.names[k]
			if a == "" || b == "" || a == b || nd[a] != nil || od[b] != nil || od[a] == nil || nd[b] == nil {
				continue
			}
			if od[a].what != "type" || nd[b].what != "type" || renamed[a] != "" || slices.Contains(mapValues(renamed), b) {
				continue
			}
			renamed[a] = b
			typeRenames[a] = b
		}
	}
	// Inline types are named after their parent: where the parent was
	// renamed (or its schema moved), the child with the same hint under the
	// parent's new name is the same type.
	for changed := true; changed; {
		changed = false
		newChild := map[string]string{} // parent + hint → name, for unmatched new types
		for b, n := range nid.inline {
			if od[b] == nil && !slices.Contains(mapValues(renamed), b) {
				newChild[n] = b
			}
		}
		for a, n := range oid.inline {
			if nd[a] != nil || renamed[a] != "" || od[a] == nil || od[a].what != "type" {
				continue
			}
			parent, hint, _ := strings.Cut(n, "\x00")
			if r := typeRenames[parent]; r != "" {
				parent = r
			}
			if b := newChild[parent+"\x00"+hint]; b != "" && nd[b] != nil && nd[b].what == "type" {
				renamed[a] = b
				typeRenames[a] = b
				changed = true
			}
		}
	}
	translate := func(s string) string { return replaceIdents(s, typeRenames) }
	// Old declarations under their new names where their type was renamed.
	oldByNew := map[string]*decl{}
	oldName := map[string]string{} // translated → as declared
	for name, d := range od {
		t := name
		if recv, member, ok := strings.Cut(name, "."); ok && typeRenames[recv] != "" {
			t = typeRenames[recv] + "." + member
		}
		if b := renamed[name]; b != "" {
			t = b
		}
		c := *d
		c.typ = translate(d.typ)
		oldByNew[t] = &c
		oldName[t] = name
	}
	// Renamed members: the same property, operation or value under another
	// name.
	for _, k := range oid.memberKeys {
		a, b := oid.names[k], nid.names[k]
		if a == "" || b == "" {
			continue
		}
		if recv, member, ok := strings.Cut(a, "."); ok && typeRenames[recv] != "" {
			a = typeRenames[recv] + "." + member
		}
		if a == b || oldByNew[a] == nil || nd[b] == nil || oldByNew[b] != nil || nd[a] != nil {
			continue
		}
		oldByNew[b] = oldByNew[a]
		delete(oldByNew, a)
		oldName[b] = oldName[a]
		delete(oldName, a)
		renamed[oldName[b]] = b
	}

	// The members of a type that is added or removed as a whole come and
	// go with it: they are not listed.
	whole := func(name string, other map[string]*decl) bool {
		recv, _, ok := strings.Cut(name, ".")
		return ok && other[recv] == nil
	}
	var out []Change
	for name, o := range oldByNew {
		n := nd[name]
		if n == nil && whole(name, nd) {
			continue
		}
		if n == nil {
			out = append(out, Change{What: o.what, Change: "removed", Name: oldName[name], Old: od[oldName[name]].typ, Breaking: true})
			continue
		}
		if orig := oldName[name]; orig != name && renamed[orig] == name {
			out = append(out, Change{What: n.what, Change: "renamed", Name: orig, NewName: name, Old: o.typ, New: n.typ, Breaking: true})
			continue
		}
		if o.typ != n.typ || o.what != n.what {
			out = append(out, Change{What: n.what, Change: "retyped", Name: name, Old: o.typ, New: n.typ, Breaking: true})
		}
	}
	for name, n := range nd {
		if oldByNew[name] == nil && !whole(name, oldByNew) {
			out = append(out, Change{What: n.what, Change: "added", Name: name, New: n.typ})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Breaking != b.Breaking {
			return a.Breaking
		}
		return cmp.Or(
			cmp.Compare(whatOrder[a.What], whatOrder[b.What]),
			strings.Compare(a.Name, b.Name),
			strings.Compare(a.Change, b.Change),
		) < 0
	})
	return out, nil
}

func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

var identRE = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)

// replaceIdents renames whole identifiers in a type expression.
func replaceIdents(s string, names map[string]string) string {
	if len(names) == 0 {
		return s
	}
	return identRE.ReplaceAllStringFunc(s, func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		return id
	})
}

// decl is one exported declaration of a generated package.
type decl struct {
	what string // "type", "field", "method", "function", "constant", "variable"
	typ  string // the type, the underlying type of a type ("struct" for a struct), or a signature
}

// decls reads the exported declarations of a package's files, by name:
// "T", "T.Field", "T.Method", "Func", "Const".
func decls(files map[string][]byte) (map[string]*decl, error) {
	out := map[string]*decl{}
	fset := token.NewFileSet()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, files[name], parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				if d.Recv == nil || len(d.Recv.List) == 0 {
					out[d.Name.Name] = &decl{what: "function", typ: signature(fset, d.Type)}
					continue
				}
				recv := recvName(d.Recv.List[0].Type)
				if ast.IsExported(recv) {
					out[recv+"."+d.Name.Name] = &decl{what: "method", typ: signature(fset, d.Type)}
				}
			case *ast.GenDecl:
				genDecl(fset, d, out)
			}
		}
	}
	return out, nil
}

func genDecl(fset *token.FileSet, d *ast.GenDecl, out map[string]*decl) {
	var lastType string // a const spec without a type repeats the previous one
	for _, s := range d.Specs {
		switch s := s.(type) {
		case *ast.TypeSpec:
			if !s.Name.IsExported() {
				continue
			}
			name := s.Name.Name
			typ := ""
			if s.TypeParams != nil {
				typ = "[" + fieldTypes(fset, s.TypeParams, true) + "] "
			}
			if s.Assign.IsValid() {
				typ += "= "
			}
			switch t := s.Type.(type) {
			case *ast.StructType:
				out[name] = &decl{what: "type", typ: typ + "struct"}
				for _, f := range t.Fields.List {
					ft := expr(fset, f.Type)
					if len(f.Names) == 0 { // embedded
						if n := recvName(f.Type); ast.IsExported(n) {
							out[name+"."+n] = &decl{what: "field", typ: ft}
						}
						continue
					}
					for _, n := range f.Names {
						if n.IsExported() {
							out[name+"."+n.Name] = &decl{what: "field", typ: ft}
						}
					}
				}
			default:
				out[name] = &decl{what: "type", typ: typ + expr(fset, s.Type)}
			}
		case *ast.ValueSpec:
			what := "variable"
			if d.Tok == token.CONST {
				what = "constant"
			}
			typ := ""
			if s.Type != nil {
				typ = expr(fset, s.Type)
				lastType = typ
			} else if d.Tok == token.CONST && len(s.Values) == 0 {
				typ = lastType
			}
			for i, n := range s.Names {
				if !n.IsExported() {
					continue
				}
				t := typ
				if d.Tok == token.CONST && i < len(s.Values) {
					t = strings.TrimSpace(t + " = " + expr(fset, s.Values[i]))
				}
				out[n.Name] = &decl{what: what, typ: t}
			}
		}
	}
}

// recvName is the type name of a receiver or an embedded field: T for *T,
// T[X] and pkg.T.
func recvName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.SelectorExpr:
			return x.Sel.Name
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

func expr(fset *token.FileSet, e ast.Expr) string {
	var b bytes.Buffer
	if err := printer.Fprint(&b, fset, e); err != nil {
		return fmt.Sprintf("<%v>", err)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// fieldTypes lists the types of a parameter or result list without the
// names, which are not part of the API; with names, for type parameters.
func fieldTypes(fset *token.FileSet, fl *ast.FieldList, withNames bool) string {
	if fl == nil {
		return ""
	}
	var parts []string
	for _, f := range fl.List {
		t := expr(fset, f.Type)
		n := max(len(f.Names), 1)
		for i := 0; i < n; i++ {
			if withNames && len(f.Names) > 0 {
				parts = append(parts, f.Names[i].Name+" "+t)
			} else {
				parts = append(parts, t)
			}
		}
	}
	return strings.Join(parts, ", ")
}

// signature renders a function type without parameter names, e.g.
// "func(context.Context, string, ...Option) (*PortingOrder, error)".
func signature(fset *token.FileSet, ft *ast.FuncType) string {
	s := "func"
	if ft.TypeParams != nil {
		s += "[" + fieldTypes(fset, ft.TypeParams, true) + "]"
	}
	s += "(" + fieldTypes(fset, ft.Params, false) + ")"
	if ft.Results != nil {
		r := fieldTypes(fset, ft.Results, false)
		if len(ft.Results.List) == 1 && len(ft.Results.List[0].Names) <= 1 {
			s += " " + r
		} else {
			s += " (" + r + ")"
		}
	}
	return s
}

// ids maps what a Go name stands for in the spec to the name.
type ids struct {
	names map[string]string
	// typeKeys identify types by their schema; typeFallbackKeys by their
	// role (the response or request body of an operation), for types whose
	// schema moved; memberKeys identify fields, methods and constants.
	typeKeys, typeFallbackKeys, memberKeys []string
	// inline maps the name of each inline type to its parent's name and
	// its hint, joined by a NUL.
	inline map[string]string
}

func identities(api *model.API) ids {
	id := ids{names: map[string]string{}, inline: map[string]string{}}
	add := func(list *[]string, key, name string) {
		if name == "" {
			return
		}
		if _, dup := id.names[key]; dup {
			return
		}
		id.names[key] = name
		*list = append(*list, key)
	}
	for _, t := range api.Types {
		if !t.Named || t.GoName == "" {
			continue
		}
		add(&id.typeKeys, "type "+t.Pointer, t.GoName)
		if t.NameParent != nil && t.NameParent.GoName != "" {
			id.inline[t.GoName] = t.NameParent.GoName + "\x00" + strings.Join(t.NameHint, " ")
		}
		for _, f := range t.Fields {
			add(&id.memberKeys, "field "+t.Pointer+" "+f.Name, t.GoName+"."+f.GoName)
		}
		for _, v := range t.Values {
			add(&id.memberKeys, "const "+t.Pointer+" "+v.Value.JSON, v.GoName)
		}
		for _, v := range t.Variants {
			add(&id.memberKeys, "func "+t.Pointer+" "+v.Type.Pointer, v.Constructor)
		}
	}
	for _, s := range api.AllServices() {
		if s.Parent == nil {
			add(&id.typeKeys, "service "+s.Tag, s.TypeName)
			add(&id.memberKeys, "client "+s.Tag, "Client."+s.GoName)
		} else {
			add(&id.typeKeys, "service "+s.Tag+" "+s.Resource, s.TypeName)
			add(&id.memberKeys, "sub "+s.Tag+" "+s.Resource, s.Parent.TypeName+"."+s.GoName)
		}
		for _, op := range s.Operations {
			if op.Webhook {
				continue // webhooks and callbacks have no method
			}
			key := op.Method + " " + op.Path
			add(&id.memberKeys, "method "+key, s.TypeName+"."+op.GoName)
			if op.PagerName != "" {
				add(&id.memberKeys, "pager "+key, s.TypeName+"."+op.PagerName)
			}
			if op.StreamName != "" {
				add(&id.memberKeys, "stream "+key, s.TypeName+"."+op.StreamName)
			}
			if op.MultipartName != "" {
				add(&id.memberKeys, "multipart "+key, s.TypeName+"."+op.MultipartName)
			}
			for _, tw := range op.MediaTwins {
				add(&id.memberKeys, "media "+tw.Content.MediaType+" "+key, s.TypeName+"."+tw.GoName)
			}
			if op.ParamsType != "" {
				add(&id.typeKeys, "params "+key, op.ParamsType)
				for _, p := range op.Params {
					if p.In != model.InPath {
						add(&id.memberKeys, "param "+key+" "+string(p.In)+" "+p.Name, op.ParamsType+"."+p.GoName)
					}
				}
			}
			if op.HeadersType != "" {
				add(&id.typeKeys, "headers "+key, op.HeadersType)
				for _, h := range op.ResponseHeaders {
					add(&id.memberKeys, "header "+key+" "+strings.ToLower(h.Name), op.HeadersType+"."+h.GoName)
				}
			}
			if t := result(op); t != nil {
				add(&id.typeFallbackKeys, "result "+key, t.GoName)
			}
			if op.Body != nil {
				for _, c := range op.Body.Contents {
					if c.Type != nil && c.Type.Named {
						add(&id.typeFallbackKeys, "body "+key+" "+c.MediaType, c.Type.GoName)
					}
				}
			}
		}
	}
	return id
}

// result is the named type of an operation's first 2XX JSON response, if
// any.
func result(op *model.Operation) *model.Type {
	for _, r := range op.Responses {
		if !strings.HasPrefix(r.Status, "2") {
			continue
		}
		for _, c := range r.Contents {
			if model.IsJSON(c.MediaType) && c.Type != nil && c.Type.Named {
				return c.Type
			}
		}
	}
	return nil
}
