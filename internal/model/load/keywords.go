package load

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/pb33f/libopenapi/datamodel/high/base"
	"github.com/pb33f/libopenapi/orderedmap"

	"github.com/oagen-dev/oagen/internal/model"
)

// This file types the JSON Schema 2020-12 keywords of OpenAPI 3.1 that shape
// values beyond properties: $defs, prefixItems, patternProperties, if/then/
// else and dependentSchemas. (additionalProperties and unevaluatedProperties
// are in extra, const in enum.)

// defs registers the $defs of s as named types, each defined at once, so
// that a $ref to one finds it whatever path it takes. A $defs entry is named
// after its key, as an inline type at the top: Inner, or OuterInner when
// that name is taken (see model.Type.DefsOwner).
func (l *loader) defs(s *base.Schema, ptr string) {
	owner := l.byPointer[ptr]
	if orderedmap.Len(s.Defs) == 0 {
		return
	}
	if l.components == nil {
		l.components = map[*model.Type]*component{}
	}
	var order []*model.Type
	for name, sp := range s.Defs.FromOldest() {
		dptr := ptr + "/$defs/" + pointerEscape(name)
		if l.byPointer[dptr] != nil || sp == nil {
			continue // a schema loaded twice (an allOf member) defines its $defs once
		}
		t := &model.Type{Named: true, NameHint: []string{name}, Pointer: dptr, Pos: l.proxyPos(sp), DefsOwner: owner}
		l.byPointer[dptr] = t
		l.components[t] = &component{sp: sp}
		l.api.Types = append(l.api.Types, t)
		order = append(order, t)
	}
	for _, t := range order {
		l.complete(t)
	}
}

// defsTarget finds the type of a $ref into $defs whose owner has not been
// loaded yet: it defines the nearest enclosing schema that has a type (a
// component, or a $defs entry), which registers the $defs inside it.
func (l *loader) defsTarget(ref string) *model.Type {
	for i := strings.LastIndex(ref, "/$defs/"); i > 0; i = strings.LastIndex(ref[:i], "/") {
		if owner := l.byPointer[ref[:i]]; owner != nil {
			l.complete(owner)
			return l.byPointer[ref]
		}
	}
	return nil
}

// hasConditional reports whether s has if/then/else or dependentSchemas
// branches that introduce properties.
func hasConditional(s *base.Schema) bool {
	for _, b := range branches(s) {
		if b.sp.IsReference() || b.sp.IsTransformedRefWithSiblings() {
			return true
		}
		if bs := b.sp.Schema(); bs != nil && orderedmap.Len(bs.Properties) > 0 {
			return true
		}
	}
	return false
}

// branch is one conditional subschema: then, else or a dependentSchemas entry.
type branch struct {
	sp   *base.SchemaProxy
	path string // relative pointer, e.g. "then", "dependentSchemas/card"
	when string // when its properties may be present
}

func branches(s *base.Schema) []branch {
	var out []branch
	if s.Then != nil && s.If != nil {
		out = append(out, branch{s.Then, "then", "when the schema's if condition holds"})
	}
	if s.Else != nil && s.If != nil {
		out = append(out, branch{s.Else, "else", "when the schema's if condition does not hold"})
	}
	if s.DependentSchemas != nil {
		for name, sp := range s.DependentSchemas.FromOldest() {
			if sp != nil {
				out = append(out, branch{sp, "dependentSchemas/" + pointerEscape(name), fmt.Sprintf("when the member %q is present", name)})
			}
		}
	}
	return out
}

// conditional adds the properties that then, else and dependentSchemas
// introduce to struct t as optional fields: they may be present. A property
// the struct already has keeps its field (the branch only constrains it). A
// property two branches give different types holds any JSON value, with a
// warning. The conditions themselves are not evaluated.
func (l *loader) conditional(t *model.Type, s *base.Schema, ptr string) {
	bs := branches(s)
	if len(bs) == 0 {
		return
	}
	base := map[string]bool{}
	for _, f := range t.Fields {
		base[f.Name] = true
	}
	added := map[string]*model.Field{}
	from := map[string]string{} // property → the branch that typed it
	for _, b := range bs {
		bptr := ptr + "/" + b.path
		var props []*model.Field
		if ref, _ := refAndSiblings(b.sp); ref != "" {
			target := l.resolve(ref, bptr, l.proxyPos(b.sp)).Resolved()
			if target != nil && target.Kind == model.KindStruct && !target.Tuple {
				for _, f := range target.Fields {
					g := *f
					props = append(props, &g)
				}
			}
		} else if sch := b.sp.Schema(); sch != nil && sch.Properties != nil {
			l.defs(sch, bptr)
			for name, psp := range sch.Properties.FromOldest() {
				if base[name] || psp == nil {
					continue
				}
				fptr := bptr + "/properties/" + pointerEscape(name)
				if f := added[name]; f != nil && psp.IsReference() && l.byPointer[psp.GetReference()] == f.Type {
					props = append(props, &model.Field{Name: name, Type: f.Type, Pointer: fptr})
					continue
				}
				u := l.schema(psp, fptr, t, []string{name})
				props = append(props, &model.Field{Name: name, Pointer: fptr, Pos: l.proxyPos(psp), Type: u.t,
					Nullable: u.nullable, ReadOnly: u.readOnly, WriteOnly: u.writeOnly, Deprecated: u.deprecated,
					Description: u.description, Example: u.example})
			}
		}
		for _, f := range props {
			if base[f.Name] {
				continue
			}
			if prev := added[f.Name]; prev != nil {
				prev.Note += "; or " + b.when
				if !isAnyKind(prev.Type) && !sameType(prev.Type, f.Type) {
					msg := fmt.Sprintf("property %q has another type in %s than in %s: its field holds any JSON value", f.Name, b.path, from[f.Name])
					l.warnf(f.Pos, f.Pointer, "%s", msg)
					t.Fallback = joinNotes(t.Fallback, []string{msg})
					prev.Type, prev.Nullable = anyType(), true
				}
				prev.Nullable = prev.Nullable || f.Nullable
				continue
			}
			f.Required = false
			f.Note = "Conditional: may be present " + b.when
			added[f.Name] = f
			from[f.Name] = b.path
			l.putField(t, f, f.Pointer, f.Pos)
		}
	}
	for _, f := range added {
		f.Note += " (oagen does not check the condition)."
	}
}

// untypedBranches says which conditional branches of s hold keywords whose
// properties conditional does not read (allOf, oneOf, anyOf, a nested
// if/then/else or dependentSchemas); "" when none.
func untypedBranches(s *base.Schema) string {
	var out []string
	for _, b := range branches(s) {
		if b.sp.IsReference() {
			continue
		}
		if bs := b.sp.Schema(); bs != nil && (len(bs.AllOf)+len(bs.OneOf)+len(bs.AnyOf) > 0 || bs.If != nil || orderedmap.Len(bs.DependentSchemas) > 0) {
			out = append(out, b.path)
		}
	}
	return strings.Join(out, ", ")
}

func isAnyKind(t *model.Type) bool {
	return t != nil && t.Resolved() != nil && t.Resolved().Kind == model.KindAny
}

// sameType reports whether two uses have the same Go type: the same named
// type, or the same unnamed structure.
func sameType(a, b *model.Type) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil || a.Named || b.Named || a.Kind != b.Kind || a.Format != b.Format {
		return false
	}
	switch a.Kind {
	case model.KindArray, model.KindMap:
		return a.ElemNullable == b.ElemNullable && sameType(a.Elem, b.Elem)
	case model.KindAlias:
		return sameType(a.Target, b.Target)
	}
	return true
}

// patternsTyped reports whether the patternProperties of s can be typed: a
// map of the members whose name matches, when every pattern compiles as Go
// (RE2) and all patterns have the same value type. Otherwise it says why not;
// the members then stay untyped (kept, see UnknownFields).
func patternsTyped(s *base.Schema) (bool, string) {
	if orderedmap.Len(s.PatternProperties) == 0 {
		return false, ""
	}
	var first *base.SchemaProxy
	for pattern, sp := range s.PatternProperties.FromOldest() {
		if _, err := regexp.Compile(pattern); err != nil {
			return false, fmt.Sprintf("patternProperties %q is not a pattern Go's regexp (RE2) reads: the members it describes are kept, untyped", pattern)
		}
		if first == nil {
			first = sp
		} else if !sameSchema(first, sp) {
			return false, "patternProperties give their members different types: the members they describe are kept, untyped"
		}
	}
	return true, ""
}

// sameSchema reports whether two schemas certainly make the same Go type:
// the same $ref, or the same plain primitive type.
func sameSchema(a, b *base.SchemaProxy) bool {
	if a == nil || b == nil {
		return false
	}
	ra, _ := refAndSiblings(a)
	rb, _ := refAndSiblings(b)
	if ra != "" || rb != "" {
		return ra == rb
	}
	sa, sb := a.Schema(), b.Schema()
	if sa == nil || sb == nil || len(sa.Type) != 1 || len(sb.Type) != 1 {
		return false
	}
	plain := func(s *base.Schema) bool {
		switch s.Type[0] {
		case "string", "integer", "number", "boolean":
			return len(s.Enum) == 0 && s.Const == nil && len(s.OneOf)+len(s.AnyOf)+len(s.AllOf) == 0
		}
		return false
	}
	return plain(sa) && plain(sb) && sa.Type[0] == sb.Type[0] && sa.Format == sb.Format
}

// patterns records the typed patternProperties of struct t.
func (l *loader) patterns(t *model.Type, s *base.Schema, ptr string) {
	var res []string
	var first *base.SchemaProxy
	var firstKey string
	for pattern, sp := range s.PatternProperties.FromOldest() {
		res = append(res, pattern)
		if first == nil {
			first, firstKey = sp, pattern
		}
	}
	u := l.schema(first, ptr+"/patternProperties/"+pointerEscape(firstKey), t, []string{"pattern", "value"})
	t.PatternElem, t.PatternNullable = u.t, u.nullable
	if len(res) == 1 {
		t.Pattern = res[0]
		return
	}
	for i, r := range res {
		res[i] = "(?:" + r + ")"
	}
	t.Pattern = strings.Join(res, "|")
}

// tuple loads an array with prefixItems into struct t, which encodes as a
// JSON array: a field per position, optional from minItems on, then the
// items after them (items; none when items is false).
func (l *loader) tuple(t *model.Type, s *base.Schema, ptr string) {
	t.Tuple = true
	min := 0
	if s.MinItems != nil {
		min = int(*s.MinItems)
	}
	used := map[string]bool{}
	for i, psp := range s.PrefixItems {
		name := "v" + strconv.Itoa(i)
		pos := t.Pos
		if psp != nil {
			pos = l.proxyPos(psp)
			if ref, _ := refAndSiblings(psp); ref == "" {
				if ps := psp.Schema(); ps != nil && ps.Title != "" && !used[ps.Title] {
					name = ps.Title
				}
			}
		}
		for used[name] {
			name += "_"
		}
		used[name] = true
		fptr := ptr + "/prefixItems/" + strconv.Itoa(i)
		u := l.schema(psp, fptr, t, []string{name})
		f := &model.Field{Name: name, Pointer: fptr, Pos: pos, Type: u.t, Required: i < min,
			Nullable: u.nullable, Description: u.description,
			Note: fmt.Sprintf("Position %d of the array.", i)}
		if i >= min {
			f.Note = fmt.Sprintf("Position %d of the array; may be missing (minItems %d), and then so are the positions after it.", i, min)
		}
		l.putField(t, f, fptr, f.Pos)
	}
	switch it := s.Items; {
	case it != nil && it.IsA() && it.A != nil:
		u := l.schema(it.A, ptr+"/items", t, []string{"rest", "item"})
		t.Rest, t.RestNullable = u.t, u.nullable
	case it != nil && it.IsB() && !it.B:
		// items: false: nothing after the positions.
	default:
		t.Rest, t.RestNullable = anyType(), true
	}
}
