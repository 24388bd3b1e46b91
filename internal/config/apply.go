package config

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/oagen-dev/oagen/internal/model"
	"github.com/oagen-dev/oagen/internal/model/paging"
)

// Apply changes a loaded model, before the naming pass, as c says:
//   - it drops the operations that Include does not select or Exclude does,
//     and the inline types only they used (component schemas stay);
//   - it pins the names of Names (over any x-go-name in the spec);
//   - it maps formats to Go types, by rewriting each schema's format to the
//     one the generator turns into that type.
//
// An include or exclude entry that matches no operation of the spec is an
// error, and so is a filter that keeps none of the spec's operations: both
// would otherwise make an SDK that silently lacks what was asked for. Names
// entries that match nothing are warnings (a spec may drop what they name);
// a format mapped to a type that does not suit a schema's type is an error.
// errs is a model.Diagnostics.
func (c *Config) Apply(api *model.API) (warnings model.Diagnostics, errs error) {
	if c == nil {
		return nil, nil
	}
	a := &applier{c: c, api: api}
	a.filter()
	a.pagination()
	a.names()
	a.formats()
	a.streams()
	a.warns.Sort()
	if len(a.errs) > 0 {
		a.errs.Sort()
		return a.warns, a.errs
	}
	return a.warns, nil
}

type applier struct {
	c     *Config
	api   *model.API
	warns model.Diagnostics
	errs  model.Diagnostics
}

func (a *applier) warnf(pos model.Pos, format string, args ...any) {
	a.warns = append(a.warns, &model.Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...)})
}

func (a *applier) errorf(pos model.Pos, related []model.Related, format string, args ...any) {
	a.errs = append(a.errs, &model.Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...), Related: related})
}

// matcher reports which entries of a filter match an operation, and
// remembers which entries matched anything.
type matcher struct {
	f    Filter
	used map[*Value]bool
}

func (m *matcher) match(op *model.Operation) bool {
	hit := false
	mark := func(v *Value) {
		hit = true
		m.used[v] = true
	}
	for i := range m.f.Tags {
		if slices.Contains(op.Tags, m.f.Tags[i].Value) {
			mark(&m.f.Tags[i])
		}
	}
	for i := range m.f.Paths {
		if pathMatches(m.f.Paths[i].Value, op.Path) {
			mark(&m.f.Paths[i])
		}
	}
	for i := range m.f.Operations {
		if m.f.Operations[i].Value == op.ID {
			mark(&m.f.Operations[i])
		}
	}
	return hit
}

func (m *matcher) unused(a *applier, key string) {
	report := func(list []Value, what string) {
		for i := range list {
			if _, err := path.Match(strings.TrimSuffix(list[i].Value, "/**"), ""); err != nil && what == "paths" {
				continue // reported as an error
			}
			if !m.used[&list[i]] {
				a.errorf(list[i].Pos, nil, "%s.%s entry %q matches no operation of the spec", key, what, list[i].Value)
			}
		}
	}
	report(m.f.Tags, "tags")
	report(m.f.Paths, "paths")
	report(m.f.Operations, "operations")
}

// pathMatches matches a path against an entry of paths: the path itself, a
// path.Match glob, or a prefix ending in "/**".
func pathMatches(pattern, p string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "/**"); ok {
		return p == prefix || strings.HasPrefix(p, prefix+"/")
	}
	if pattern == p {
		return true
	}
	ok, err := path.Match(pattern, p)
	return err == nil && ok
}

func (a *applier) filter() {
	for _, v := range a.c.Include.Paths {
		if _, err := path.Match(strings.TrimSuffix(v.Value, "/**"), ""); err != nil {
			a.errorf(v.Pos, nil, "include.paths entry %q is not a valid pattern: %v", v.Value, err)
		}
	}
	for _, v := range a.c.Exclude.Paths {
		if _, err := path.Match(strings.TrimSuffix(v.Value, "/**"), ""); err != nil {
			a.errorf(v.Pos, nil, "exclude.paths entry %q is not a valid pattern: %v", v.Value, err)
		}
	}
	if a.c.Include.empty() && a.c.Exclude.empty() {
		return
	}
	inc := &matcher{f: a.c.Include, used: map[*Value]bool{}}
	exc := &matcher{f: a.c.Exclude, used: map[*Value]bool{}}
	var kept []*model.Operation
	for _, op := range a.api.Operations {
		// Both matchers see every operation, so that an exclude entry naming
		// an operation include already drops is not said to match nothing.
		included := a.c.Include.empty() || inc.match(op)
		excluded := exc.match(op)
		if included && !excluded {
			kept = append(kept, op)
		}
	}
	inc.unused(a, "include")
	exc.unused(a, "exclude")
	if len(kept) == len(a.api.Operations) {
		return
	}
	if len(kept) == 0 {
		a.errorf(a.filterPos(), nil, "the include and exclude filters keep none of the spec's %d operations", len(a.api.Operations))
	}
	a.api.Operations = kept
	a.prune()
}

// filterPos is the position of the first entry of include or exclude in
// the file.
func (a *applier) filterPos() model.Pos {
	var first *Value
	for _, f := range []Filter{a.c.Include, a.c.Exclude} {
		for _, l := range [][]Value{f.Tags, f.Paths, f.Operations} {
			for i := range l {
				if p := l[i].Pos; first == nil || p.Line < first.Pos.Line || p.Line == first.Pos.Line && p.Col < first.Pos.Col {
					first = &l[i]
				}
			}
		}
	}
	if first == nil {
		return model.Pos{File: a.c.Path, Line: 1, Col: 1}
	}
	return first.Pos
}

// prune drops the named inline types that no kept operation and no
// component schema uses.
func (a *applier) prune() {
	seen := map[*model.Type]bool{}
	var visit func(t *model.Type)
	visit = func(t *model.Type) {
		if t == nil || seen[t] {
			return
		}
		seen[t] = true
		t.Children(visit)
	}
	for _, t := range a.api.Types {
		if t.Component != "" {
			visit(t)
		}
	}
	for _, op := range a.api.Operations {
		opTypes(op, visit)
	}
	a.api.Types = slices.DeleteFunc(a.api.Types, func(t *model.Type) bool { return !seen[t] })
}

// opTypes calls visit with every type an operation uses directly.
func opTypes(op *model.Operation, visit func(*model.Type)) {
	for _, p := range op.Params {
		visit(p.Type)
	}
	if op.Body != nil {
		for _, c := range op.Body.Contents {
			visit(c.Type)
		}
	}
	for _, r := range op.Responses {
		for _, c := range r.Contents {
			visit(c.Type)
			visit(c.ItemType)
		}
		for _, h := range r.Headers {
			visit(h.Type)
		}
	}
}

func (a *applier) source(list string) string {
	return filepath.Base(a.c.Path) + " names." + list
}

func (a *applier) pin(r Rename, list string) *model.Pin {
	return &model.Pin{Name: r.Name.Value, Pos: r.Name.Pos, Source: a.source(list)}
}

func (a *applier) names() {
	for _, r := range a.c.Names.Schemas {
		hit := false
		for _, t := range a.api.Types {
			if t.Named && (t.Pointer == r.Key.Value || t.Component == r.Key.Value && !strings.HasPrefix(r.Key.Value, "#")) {
				t.Pin = a.pin(r, "schemas")
				hit = true
			}
		}
		if !hit {
			a.warnf(r.Key.Pos, "names.schemas entry %q names no schema that becomes a Go type", r.Key.Value)
		}
	}
	for _, r := range a.c.Names.Properties {
		hit := false
		schema, prop, dotted := strings.Cut(r.Key.Value, ".")
		byPointer := strings.HasPrefix(r.Key.Value, "#")
		for _, t := range a.api.Types {
			for _, f := range t.Fields {
				if byPointer && f.Pointer == r.Key.Value || !byPointer && dotted && t.Component == schema && f.Name == prop {
					f.Pin = a.pin(r, "properties")
					hit = true
				}
			}
		}
		if !hit {
			a.warnf(r.Key.Pos, "names.properties entry %q names no property: write Schema.property or a JSON pointer", r.Key.Value)
		}
	}
	for _, r := range a.c.Names.Operations {
		hit := false
		for _, op := range a.api.Operations {
			if op.ID == r.Key.Value {
				op.Pin = a.pin(r, "operations")
				hit = true
			}
		}
		if !hit {
			a.warnf(r.Key.Pos, "names.operations entry %q names no operationId", r.Key.Value)
		}
	}
}

// formatFor is the format the generator turns into each Go type, by the
// kind of schema.
var formatFor = map[string]string{
	"string": "", "time.Time": "date-time", "Date": "date", "[]byte": "byte",
	"int64": "int64", "int32": "int32", "float64": "double", "float32": "float",
}

// formats rewrites the format of every string, integer and number schema
// whose format is mapped. Enums keep their own type.
func (a *applier) formats() {
	if len(a.c.Formats) == 0 {
		return
	}
	byFormat := map[string]Format{}
	for _, f := range a.c.Formats {
		byFormat[f.Format.Value] = f
	}
	type place struct {
		model.Related
		kind model.Kind
	}
	bad := map[string][]place{} // format → schemas whose type does not suit it
	done := map[*model.Type]bool{}
	var visit func(t *model.Type)
	visit = func(t *model.Type) {
		if t == nil || done[t] {
			return
		}
		done[t] = true
		switch t.Kind {
		case model.KindString, model.KindInteger, model.KindNumber:
			if f, ok := byFormat[t.Format]; ok && t.Format != "" {
				if FormatTypes[f.Type.Value] != t.Kind {
					bad[t.Format] = append(bad[t.Format], place{model.Related{Pos: t.Pos, Pointer: t.Pointer}, t.Kind})
				} else {
					t.Format = formatFor[f.Type.Value]
					t.Float32 = f.Type.Value == "float32"
				}
			}
		}
		t.Children(visit)
	}
	for _, t := range a.api.Types {
		visit(t)
	}
	for _, op := range a.api.Operations {
		opTypes(op, visit)
	}
	for _, f := range a.c.Formats {
		places := bad[f.Format.Value]
		if len(places) == 0 {
			continue
		}
		slices.SortFunc(places, func(x, y place) int { return strings.Compare(x.Pointer, y.Pointer) })
		related := make([]model.Related, len(places))
		for i, p := range places {
			related[i] = p.Related
		}
		a.errorf(f.Type.Pos, related, "formats.%s: %s is for %s schemas, but %s is a %s schema with format %q",
			f.Format.Value, f.Type.Value, FormatTypes[f.Type.Value], places[0].Pointer, places[0].kind, f.Format.Value)
	}
	// An unknown format the config maps is known now: drop its warning.
	a.api.Warnings = slices.DeleteFunc(a.api.Warnings, func(d *model.Diagnostic) bool {
		for format := range byFormat {
			if strings.HasPrefix(d.Message, fmt.Sprintf("unknown format %q on ", format)) {
				return true
			}
		}
		return false
	})
}

// pagination applies the pagination entries: off drops an operation's
// iterator, a scheme declares it (the members left out detected within
// that scheme). An entry naming no kept operation, or a declaration the
// spec does not bear out, is an error: the SDK would lack the iterator
// that was asked for.
func (a *applier) pagination() {
	for _, r := range a.c.Pagination {
		var op *model.Operation
		for _, o := range a.api.Operations {
			if o.ID == r.Operation.Value && !o.Webhook {
				op = o
				break
			}
		}
		if op == nil {
			a.errorf(r.Operation.Pos, nil, "pagination entry %q names no operation of the spec", r.Operation.Value)
			continue
		}
		if r.Off {
			op.Pagination = nil
			continue
		}
		p, bad := paging.Declare(op, paging.Declaration{
			Scheme: r.Scheme.Value, Param: r.Param.Value, Items: r.Items.Value, Next: r.Next.Value,
			ID: r.ID.Value, HasMore: r.HasMore.Value, Total: r.Total.Value,
		})
		if bad != nil {
			at := map[string]Value{"scheme": r.Scheme, "param": r.Param, "items": r.Items, "next": r.Next,
				"id": r.ID, "has-more": r.HasMore, "total": r.Total}[bad.Key]
			where := "pagination." + r.Operation.Value
			if at.Value == "" {
				at = r.Operation
			}
			if bad.Key != "" {
				where += "." + bad.Key
			}
			a.errorf(at.Pos, []model.Related{{Pos: op.Pos, Pointer: op.Pointer}}, "%s: %s", where, bad.Message)
			continue
		}
		op.Pagination = p
	}
}
