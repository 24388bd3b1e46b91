package load

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	"github.com/pb33f/libopenapi/orderedmap"

	"github.com/oagen-dev/oagen/internal/model"
)

// scalarPart is what one schema of an allOf of scalars says about the value:
// its JSON types, format and enum. The allOf's value must satisfy all of them.
type scalarPart struct {
	types    []string     // non-null JSON types the part allows; nil when it says nothing
	format   string       //
	enum     []*yaml.Node // the values it allows (an enum, or a const); nil when any
	nullable bool         // the part allows null
	ref      string       // the $ref this part was reached by, if any
	typed    bool         // the part says something about the value's type
	schema   *base.Schema
}

// maxScalarDepth bounds the allOf inside allOf that scalarParts follows.
const maxScalarDepth = 32

// scalarParts flattens schema s and its allOf members, $refs followed and
// nested allOf included, into the parts a value must satisfy. It reports
// false when one of them is no scalar: it has properties, items, a union,
// or an object or array type, and the allOf is a merged struct.
func scalarParts(s *base.Schema, ref string, depth int, parts []scalarPart) ([]scalarPart, bool) {
	if s == nil || depth > maxScalarDepth {
		return nil, false
	}
	if orderedmap.Len(s.Properties) > 0 || s.Items != nil || len(s.PrefixItems) > 0 || s.AdditionalProperties != nil ||
		orderedmap.Len(s.PatternProperties) > 0 || len(s.OneOf)+len(s.AnyOf) > 0 || s.Discriminator != nil ||
		s.If != nil || s.Then != nil || s.Else != nil || orderedmap.Len(s.DependentSchemas) > 0 {
		return nil, false
	}
	p := scalarPart{format: s.Format, ref: ref, nullable: hasNull(s), schema: s}
	p.types = nonNullTypes(s.Type)
	switch {
	case len(s.Enum) > 0:
		p.enum = s.Enum
	case s.Const != nil:
		p.enum = []*yaml.Node{s.Const}
	}
	if len(p.types) == 0 && p.enum != nil {
		for _, n := range p.enum {
			if n.ShortTag() != "!!null" && !slices.Contains(p.types, valueKind(n)) {
				p.types = append(p.types, valueKind(n))
			}
		}
	}
	for _, t := range p.types {
		if t == "object" || t == "array" {
			return nil, false
		}
	}
	p.typed = len(p.types) > 0 || p.enum != nil
	parts = append(parts, p)
	for _, m := range s.AllOf {
		if m == nil {
			return nil, false
		}
		mref := ""
		if m.IsReference() && !m.IsTransformedRefWithSiblings() {
			mref = m.GetReference()
		}
		var ok bool
		if parts, ok = scalarParts(m.Schema(), mref, depth+1, parts); !ok {
			return nil, false
		}
	}
	return parts, true
}

// allowed is the set of JSON types a part allows, an integer being a number.
func allowed(types []string) map[string]bool {
	set := map[string]bool{}
	for _, t := range types {
		set[t] = true
		if t == "number" {
			set["integer"] = true
		}
	}
	return set
}

// scalarAgreement is what every part of an allOf of scalars allows.
type scalarAgreement struct {
	types    []string // in the order the parts name them; number beside integer is dropped
	format   string
	enum     []*yaml.Node
	nullable bool
	problem  string // why no value fits, or why the format was dropped
	none     bool   // no value fits
}

func agree(parts []scalarPart) scalarAgreement {
	var a scalarAgreement
	var order []string
	var inter map[string]bool
	a.nullable = true
	typed := false
	for _, p := range parts {
		if !p.typed {
			continue
		}
		typed = true
		a.nullable = a.nullable && p.nullable
		for _, t := range p.types {
			if !slices.Contains(order, t) {
				order = append(order, t)
			}
		}
		set := allowed(p.types)
		if inter == nil {
			inter = set
			continue
		}
		for t := range inter {
			if !set[t] {
				delete(inter, t)
			}
		}
	}
	if !typed {
		a.nullable = false
	}
	for _, t := range order {
		if inter[t] && !(t == "integer" && inter["number"]) {
			a.types = append(a.types, t)
		}
	}
	if len(a.types) == 0 {
		a.none = true
		a.problem = fmt.Sprintf("allOf members are %s, which no value can be both: read as any JSON value", andList(order))
		return a
	}
	a.enum, a.none = commonValues(parts)
	if a.none {
		a.problem = "allOf members are enums without a value in common, which no value can be: read as any JSON value"
		return a
	}
	var formats []string
	for _, p := range parts {
		if p.format != "" && !slices.Contains(formats, p.format) {
			formats = append(formats, p.format)
		}
	}
	switch {
	case len(formats) == 1:
		a.format = formats[0]
	case len(formats) == 2 && slices.Contains(formats, "int32") && slices.Contains(formats, "int64"):
		a.format = "int32" // a value of both fits the narrower
	case len(formats) > 1:
		quoted := make([]string, len(formats))
		for i, f := range formats {
			quoted[i] = fmt.Sprintf("%q", f)
		}
		a.problem = fmt.Sprintf("allOf members say format %s, which no %s has both of: generated as a plain %s", andList(quoted), a.types[0], a.types[0])
	}
	return a
}

// commonValues is the values every enum of parts lists, in the order of
// the first; nil when no part has an enum. It reports true when the enums
// have no value in common.
func commonValues(parts []scalarPart) ([]*yaml.Node, bool) {
	var common []*yaml.Node
	first := true
	for _, p := range parts {
		if p.enum == nil {
			continue
		}
		if first {
			common, first = slices.Clone(p.enum), false
			continue
		}
		texts := map[string]bool{}
		for _, n := range p.enum {
			texts[valueText(n)] = true
		}
		common = slices.DeleteFunc(common, func(n *yaml.Node) bool { return !texts[valueText(n)] })
	}
	return common, !first && len(common) == 0
}

// valueText is the JSON of an enum member, for comparing members.
func valueText(n *yaml.Node) string {
	var b strings.Builder
	if writeJSON(&b, n, 0) != nil {
		return "\x00" + n.Value
	}
	return b.String()
}

func andList(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// sameAgreement reports whether a $ref part alone says what the whole allOf
// does, so that the allOf is that referenced type.
func sameAgreement(alone, all scalarAgreement) bool {
	if alone.none || alone.problem != "" || !slices.Equal(alone.types, all.types) || alone.format != all.format || len(alone.enum) != len(all.enum) {
		return false
	}
	for i := range alone.enum {
		if valueText(alone.enum[i]) != valueText(all.enum[i]) {
			return false
		}
	}
	return true
}

// scalarAllOf types an allOf whose members are all scalars (several string
// schemas, some by $ref, with formats, patterns or enums) as the scalar
// they agree on, rather than as an empty struct that keeps every value as
// invalid: the referenced type when one $ref alone says as much as the
// whole, else the type, format and common enum values, read as a schema of
// their own. Members that no value can satisfy together (a string and an
// integer) are any JSON value, with a warning. It reports false when a
// member is no scalar.
func (l *loader) scalarAllOf(s *base.Schema, ptr string, pos model.Pos, parent *model.Type, hint []string, into *model.Type, u use) (use, bool) {
	parts, ok := scalarParts(s, "", 0, nil)
	if !ok {
		return u, false
	}
	a := agree(parts)
	if !slices.ContainsFunc(parts, func(p scalarPart) bool { return p.typed }) {
		return u, false
	}
	if a.none {
		l.warnf(pos, ptr, "%s", a.problem)
		one := *s
		one.AllOf, one.Type, one.Enum, one.Const, one.Format = nil, nil, nil, nil, ""
		au := l.inlineSchema(&one, ptr, pos, parent, hint, into)
		au.t.Fallback = a.problem
		return l.memberExamples(s, ptr, au), true
	}
	if a.problem != "" {
		l.warnf(pos, ptr, "%s", a.problem)
	}
	nullable := u.nullable || a.nullable
	for _, p := range parts {
		if p.ref == "" || !p.typed {
			continue
		}
		sub, ok := scalarParts(p.schema, "", 0, nil)
		if ok && sameAgreement(agree(sub), a) {
			r := use{t: l.resolve(p.ref, ptr, pos)}
			u.nullable = nullable
			return l.memberExamples(s, ptr, merge(u, r)), true
		}
	}
	one := *s
	one.AllOf, one.Const = nil, nil
	one.Type = slices.Clone(a.types)
	if nullable {
		one.Type = append(one.Type, "null")
	}
	one.Format = a.format
	one.Enum = a.enum
	if a.enum != nil && nullable && !slices.ContainsFunc(a.enum, func(n *yaml.Node) bool { return n.ShortTag() == "!!null" }) {
		one.Enum = append(slices.Clone(a.enum), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"})
	}
	one.Nullable = nil
	return l.memberExamples(s, ptr, l.inlineSchema(&one, ptr, pos, parent, hint, into)), true
}

// memberExamples records the examples of the inline members of allOf s as
// examples of the type the allOf became.
func (l *loader) memberExamples(s *base.Schema, ptr string, u use) use {
	for i, m := range s.AllOf {
		if m != nil && !m.IsReference() {
			l.schemaExamples(m.Schema(), fmt.Sprintf("%s/allOf/%d", ptr, i), u)
		}
	}
	return u
}
