package load

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/pb33f/go-yaml"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	lowmodel "github.com/pb33f/libopenapi/datamodel/low"
	lowbase "github.com/pb33f/libopenapi/datamodel/low/base"
	"github.com/pb33f/libopenapi/orderedmap"

	"github.com/oagen-dev/oagen/internal/model"
)

// use is a schema as it is used at one place: its type, plus what the place
// adds to it (null, readOnly, the description beside a $ref).
type use struct {
	t           *model.Type
	nullable    bool
	readOnly    bool
	writeOnly   bool
	deprecated  bool
	description string
	example     *model.Value
}

// component is a component schema waiting to be defined. Components are
// defined on demand, so that allOf can merge a component that comes later
// in the document.
type component struct {
	sp      *base.SchemaProxy
	state   int  // 0 pending, 1 being defined, 2 done
	defined bool // the schema defines a type of its own (not only a $ref)
}

func (l *loader) componentSchemas(c *v3.Components) {
	if c.Schemas == nil {
		return
	}
	l.components = map[*model.Type]*component{}
	var order []*model.Type
	for name, sp := range c.Schemas.FromOldest() {
		ptr := "#/components/schemas/" + pointerEscape(name)
		t := &model.Type{Named: true, Component: name, NameHint: []string{name}, Pointer: ptr, Pos: l.proxyPos(sp)}
		l.byPointer[ptr] = t
		l.components[t] = &component{sp: sp}
		l.api.Types = append(l.api.Types, t)
		order = append(order, t)
	}
	for _, t := range order {
		l.complete(t)
	}
}

// complete defines component t if it has not been yet. It reports false when
// t is already being defined: a loop that only allOf or an alias can make.
func (l *loader) complete(t *model.Type) bool {
	c := l.components[t]
	if c == nil || c.state == 2 {
		return true
	}
	if c.state == 1 {
		return false
	}
	c.state = 1
	u := l.schemaInto(c.sp, t.Pointer, t, nil, t)
	switch {
	case u.t == t && !c.defined:
		// Only a $ref, or an allOf of one member, back to itself.
		l.errorf(t.Pos, t.Pointer, "circular reference: the schema refers only to itself and defines no type")
		t.Kind = model.KindAny
	case u.t != t:
		// The component is another schema under a new name.
		t.Kind = model.KindAlias
		t.Target = u.t
		if t.Description == "" {
			t.Description = u.description
		}
		if loop := aliasLoop(t); loop != nil {
			l.errorf(t.Pos, t.Pointer, "circular reference: %s: none of these schemas defines a type", strings.Join(loop, " -> "))
			t.Kind, t.Target = model.KindAny, nil
		}
	}
	t.Nullable = t.Nullable || u.nullable
	c.state = 2
	return true
}

// aliasLoop returns the pointers of a chain of aliases that leads from t
// back to t, or nil.
func aliasLoop(t *model.Type) []string {
	chain := []string{t.Pointer}
	for u := t.Target; u != nil && u.Kind == model.KindAlias; u = u.Target {
		chain = append(chain, u.Pointer)
		if u == t {
			return chain
		}
		if len(chain) > 1<<16 {
			return nil
		}
	}
	return nil
}

// resolve finds the type a $ref names.
func (l *loader) resolve(ref, ptr string, pos model.Pos) *model.Type {
	target := l.files.pointerKey(ref) // a schema of another file: FILE#/pointer
	if i := strings.IndexByte(ref, '#'); i > 0 {
		l.errorf(pos, ptr, "$ref %q points into another file, which oagen does not read yet", ref)
		return anyType()
	}
	t := l.byPointer[target]
	if t == nil && strings.HasPrefix(ref, filesPrefix) {
		t = l.external(ref, target)
	}
	if t == nil {
		// Percent-encoded pointers name the same place.
		if dec, err := url.PathUnescape(target); err == nil {
			t = l.byPointer[dec]
		}
	}
	if t == nil && strings.Contains(target, "/$defs/") {
		t = l.defsTarget(target)
	}
	if t != nil {
		// Define a component before its first use, so that what the use
		// inherits (null) does not depend on document order. Inside a loop
		// the placeholder is returned as it is.
		l.complete(t)
		return t
	}
	if t := l.resolveDeep(target); t != nil {
		return t
	}
	l.errorf(pos, ptr, "$ref %q names no schema oagen has loaded", ref)
	return anyType()
}

// resolveDeep finds or loads the schema a $ref names by a deep pointer:
// into a component's properties (#/components/schemas/A/properties/b), its
// $defs or other nested keywords (definitions, left over from Swagger 2),
// or an operation's body. A pointer inside a component is looked up again
// once that component is defined; a schema no walk reaches is loaded once,
// from the node the index finds there, as a type of its own named after the
// pointer, and every other $ref to the same place shares it.
func (l *loader) resolveDeep(ref string) *model.Type {
	ref, err := url.PathUnescape(ref)
	if err != nil || !strings.HasPrefix(ref, "#/") {
		return nil
	}
	const prefix = "#/components/schemas/"
	if rest, ok := strings.CutPrefix(ref, prefix); ok {
		if name, _, deep := strings.Cut(rest, "/"); deep {
			if c := l.byPointer[prefix+name]; c != nil {
				l.complete(c)
				if t := l.byPointer[ref]; t != nil {
					return t
				}
			}
		}
	}
	if l.idx == nil {
		return nil
	}
	found := l.idx.FindComponent(context.Background(), ref)
	if found == nil || found.Node == nil || found.Node.Kind != yaml.MappingNode && found.Node.Kind != yaml.ScalarNode {
		return nil
	}
	low := new(lowbase.SchemaProxy)
	if err := low.Build(context.Background(), found.KeyNode, found.Node, l.idx); err != nil {
		return nil
	}
	sp := base.NewSchemaProxy(&lowmodel.NodeReference[*lowbase.SchemaProxy]{Value: low, ValueNode: found.Node})
	t := &model.Type{Named: true, NameHint: deepRefHint(ref), Pointer: ref, Pos: l.pos(found.Node)}
	l.byPointer[ref] = t
	if l.components == nil {
		l.components = map[*model.Type]*component{}
	}
	l.components[t] = &component{sp: sp}
	l.api.Types = append(l.api.Types, t)
	if l.deep == nil {
		l.deep = map[string]*model.Type{}
	}
	l.deep[ref] = t
	l.complete(t)
	return t
}

// deepRefHint names the schema at a deep pointer from its segments, leaving
// out the keywords between them: #/components/schemas/Account/definitions/
// accountStatus gives [Account accountStatus].
func deepRefHint(ref string) []string {
	var words []string
	for _, seg := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		seg = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
		switch seg {
		case "components", "schemas", "properties", "items", "definitions", "$defs", "additionalProperties",
			"paths", "content", "schema", "responses", "requestBody", "parameters", "allOf", "anyOf", "oneOf",
			"get", "put", "post", "delete", "options", "head", "patch", "trace", "default":
			continue
		}
		switch {
		case strings.HasPrefix(seg, "/"):
			// A path: its words, without the template braces.
			for _, w := range strings.FieldsFunc(seg, func(r rune) bool { return strings.ContainsRune("/{}.", r) }) {
				words = append(words, w)
			}
		case strings.Contains(seg, "/"), len(seg) == 3 && strings.ContainsAny(seg[:1], "12345"):
			// A media type or a status code ("200", "4XX") names nothing.
		default:
			words = append(words, seg)
		}
	}
	if len(words) > 3 {
		words = words[len(words)-3:]
	}
	// Account/definitions/accountStatus: AccountStatus, not AccountAccountStatus.
	for i := len(words) - 1; i > 0; i-- {
		if strings.HasPrefix(strings.ToLower(words[i]), strings.ToLower(words[i-1])) {
			words = slices.Delete(words, i-1, i)
		}
	}
	return words
}

func anyType() *model.Type { return &model.Type{Kind: model.KindAny} }

// proxyPos is where a schema is written. For a $ref, GetValueNode is the
// target's node; the reference node is the one in the text.
func (l *loader) proxyPos(sp *base.SchemaProxy) model.Pos {
	if sp.IsReference() || sp.IsTransformedRefWithSiblings() {
		if n := sp.GetReferenceNode(); n != nil {
			return l.pos(n)
		}
	}
	return l.pos(sp.GetValueNode())
}

// refAndSiblings tells a $ref apart from an inline schema. It returns the
// reference and the keywords written beside it, if any. libopenapi shows a
// 3.1 $ref with siblings as a reference whose Schema() holds only the
// siblings, and a 3.0 one as an inline allOf [siblings, $ref].
func refAndSiblings(sp *base.SchemaProxy) (string, *base.Schema) {
	switch {
	case sp.IsTransformedRefWithSiblings():
		return sp.GetReference(), sp.Schema()
	case sp.IsReference():
		return sp.GetReference(), nil
	}
	return "", nil
}

// schema loads the schema at ptr as used in one place. parent and hint name
// the inline types it holds.
func (l *loader) schema(sp *base.SchemaProxy, ptr string, parent *model.Type, hint []string) use {
	return l.schemaInto(sp, ptr, parent, hint, nil)
}

// schemaInto is schema, writing the type into `into` (a component's
// placeholder) when the schema defines a type of its own.
func (l *loader) schemaInto(sp *base.SchemaProxy, ptr string, parent *model.Type, hint []string, into *model.Type) use {
	if sp == nil {
		return use{t: anyType()}
	}
	pos := l.proxyPos(sp)
	if ref, sib := refAndSiblings(sp); ref != "" {
		u := use{t: l.resolve(ref, ptr, pos)}
		if sib != nil {
			u.nullable = hasNull(sib)
			u.readOnly = isTrue(sib.ReadOnly)
			u.writeOnly = isTrue(sib.WriteOnly)
			u.deprecated = isTrue(sib.Deprecated)
			u.description = sib.Description
			u.example = l.example(sib, ptr)
		}
		u.nullable = u.nullable || u.t.Nullable
		l.schemaExamples(sib, ptr, u)
		return u
	}
	s, err := sp.BuildSchema()
	if s == nil {
		msg := "invalid schema"
		if err != nil {
			msg += ": " + firstLine(err.Error())
		}
		l.errorf(pos, ptr, "%s", msg)
		return use{t: anyType()}
	}
	// 3.0 spells a $ref with siblings as allOf [siblings, $ref]. Siblings
	// that give a shape or require members (allOf [{required: [id],
	// properties: {id: ...}}, {$ref: X}]) are a real allOf, merged below.
	if len(s.AllOf) == 2 && !s.AllOf[0].IsReference() && s.AllOf[1].IsReference() && len(s.Type) == 0 &&
		orderedmap.Len(s.Properties) == 0 && len(s.Required) == 0 && l.api.OpenAPI < "3.1" {
		if sib := s.AllOf[0].Schema(); sib != nil && !hasShape(sib) && len(sib.Required) == 0 {
			u := use{t: l.resolve(s.AllOf[1].GetReference(), ptr, pos)}
			u.nullable = hasNull(sib) || hasNull(s) || u.t.Nullable
			u.readOnly = isTrue(sib.ReadOnly) || isTrue(s.ReadOnly)
			u.description = firstNonEmpty(sib.Description, s.Description)
			u.deprecated = isTrue(sib.Deprecated)
			u.example = l.example(sib, ptr)
			l.schemaExamples(sib, ptr, u)
			return u
		}
	}
	if t := l.deep[ptr]; t != nil && into == nil {
		// A deep $ref loaded this schema before the walk reached it: the
		// place and the $ref share one type.
		return use{t: t, nullable: hasNull(s), readOnly: isTrue(s.ReadOnly), writeOnly: isTrue(s.WriteOnly),
			deprecated: isTrue(s.Deprecated), description: s.Description, example: l.example(s, ptr)}
	}
	u := l.inline(s, ptr, pos, parent, hint, into)
	l.schemaExamples(s, ptr, u)
	return u
}

// schemaExamples records the examples written in schema s, at ptr, as
// examples of the type u: API.SchemaExamples. A place loaded twice (a
// path item's parameter, for each of its operations) is recorded once.
func (l *loader) schemaExamples(s *base.Schema, ptr string, u use) {
	if s == nil || u.t == nil || s.Example == nil && len(s.Examples) == 0 {
		return
	}
	add := func(n *yaml.Node, p string) {
		if n == nil || l.examplesAt[p] {
			return
		}
		v, err := l.jsonValue(n)
		if err != nil {
			return // warned about by example
		}
		if l.examplesAt == nil {
			l.examplesAt = map[string]bool{}
		}
		l.examplesAt[p] = true
		l.api.SchemaExamples = append(l.api.SchemaExamples, &model.SchemaExample{Value: v, Pointer: p, Type: u.t, Nullable: u.nullable || u.t.Nullable})
	}
	add(s.Example, ptr+"/example")
	for i, n := range s.Examples {
		add(n, fmt.Sprintf("%s/examples/%d", ptr, i))
	}
}

// inline loads a schema written in place. Keywords that shape values but
// that oagen does not type are warned about, and noted in the doc comment of
// the type the schema defines.
func (l *loader) inline(s *base.Schema, ptr string, pos model.Pos, parent *model.Type, hint []string, into *model.Type) use {
	l.defs(s, ptr)
	notes := l.unsupported(s, ptr, pos)
	u := l.inlineSchema(s, ptr, pos, parent, hint, into)
	if len(notes) > 0 && u.t != nil && u.t.Pointer == ptr {
		u.t.Fallback = joinNotes(u.t.Fallback, notes)
	}
	return u
}

// joinNotes adds notes to a type's Fallback.
func joinNotes(fallback string, notes []string) string {
	if fallback != "" {
		notes = append([]string{fallback}, notes...)
	}
	return strings.Join(notes, "; ")
}

// unsupported warns about each keyword of s that shapes values but that
// oagen does not type, and returns the warnings. Validation keywords (not,
// pattern, minimum, ...) are not among them: generated types check nothing.
// None of these loses data: members the types do not name are kept, untyped.
func (l *loader) unsupported(s *base.Schema, ptr string, pos model.Pos) []string {
	var notes []string
	note := func(format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		l.warnf(pos, ptr, "%s", msg)
		notes = append(notes, msg)
	}
	oneOf, _ := dropNullMembers(s.OneOf)
	anyOf, _ := dropNullMembers(s.AnyOf)
	if kw := "oneOf"; len(oneOf)+len(anyOf) > 0 {
		if len(oneOf) == 0 {
			kw = "anyOf"
		}
		if len(s.AllOf) > 0 {
			note("the allOf beside %s is not merged: the variants keep its properties as unknown fields", kw)
		}
	}
	if len(s.Enum) == 0 && s.Const != nil {
		if kind := valueKind(s.Const); s.Const.ShortTag() != "!!null" && (kind == "object" || kind == "array") {
			note("const %s value is not a Go constant: typed as its %s, and the value is not checked", kind, kind)
		}
	}
	if where := untypedBranches(s); where != "" {
		note("the allOf, oneOf, anyOf or nested conditions in %s are not read: the members they describe are kept, untyped", where)
	}
	if _, why := patternsTyped(s); why != "" {
		note("%s", why)
	}
	if s.DynamicRef != "" {
		note("$dynamicRef %q is not followed: the schema is read without it", s.DynamicRef)
	}
	return notes
}

// inlineSchema is inline without the checks.
func (l *loader) inlineSchema(s *base.Schema, ptr string, pos model.Pos, parent *model.Type, hint []string, into *model.Type) use {
	u := use{
		readOnly:    isTrue(s.ReadOnly),
		writeOnly:   isTrue(s.WriteOnly),
		deprecated:  isTrue(s.Deprecated),
		description: s.Description,
		example:     l.example(s, ptr),
		nullable:    hasNull(s),
	}
	types := nonNullTypes(s.Type)
	oneOf, _ := dropNullMembers(s.OneOf)
	anyOf, _ := dropNullMembers(s.AnyOf)

	// newType makes the type this schema defines: into, or a new one, named
	// when it needs a declaration of its own.
	newType := func(kind model.Kind, named bool) *model.Type {
		t := into
		if c := l.components[into]; c != nil {
			c.defined = true
		}
		if t == nil {
			t = &model.Type{Pointer: ptr, Pos: pos}
			if named {
				t.Named = true
				t.NameParent = parent
				t.NameHint = slices.Clone(hint)
				l.api.Types = append(l.api.Types, t)
			}
			l.byPointer[ptr] = t
		}
		t.Kind = kind
		t.Title = s.Title
		t.Description = s.Description
		t.Deprecated = isTrue(s.Deprecated)
		t.Example = u.example
		return t
	}
	// A child of a named type is named after it; a child of an anonymous
	// one (an array's items) extends the current hint.
	childCtx := func(t *model.Type, word string) (*model.Type, []string) {
		if t.Named {
			return t, []string{word}
		}
		return parent, append(slices.Clone(hint), word)
	}

	members, exclusive, key := oneOf, true, "oneOf"
	if len(members) == 0 {
		members, exclusive, key = anyOf, false, "anyOf"
	}
	if len(members) > 0 && len(oneOf) > 0 && len(anyOf) > 0 {
		l.warnf(pos, ptr, "both oneOf and anyOf: anyOf is ignored")
	}
	plain := orderedmap.Len(s.Properties) == 0 && len(s.AllOf) == 0 && (len(types) == 0 || len(types) == 1 && types[0] == "object")
	switch {
	case len(members) > 0 && orderedmap.Len(s.Properties) > 0 && onlyRequired(members):
		// properties {a, b} with anyOf [{required: [a]}, {required: [b]}]:
		// the members constrain which properties are present, and the
		// object is the struct of the properties. One required in every
		// member is required.
		one := *s
		one.OneOf, one.AnyOf, one.Discriminator = nil, nil, nil
		one.Required = append(slices.Clone(s.Required), requiredByAll(members)...)
		return l.inlineSchema(&one, ptr, pos, parent, hint, into)
	case len(members) == 1 && plain:
		// anyOf [X, {type: null}] and friends: X, nullable.
		inner := l.schemaInto(members[0], ptr+"/"+key+"/0", parent, hint, into)
		return merge(u, inner)
	case len(members) > 0:
		t := newType(model.KindUnion, true)
		t.Exclusive = exclusive
		t.Nullable = u.nullable
		for i, m := range members {
			mptr := fmt.Sprintf("%s/%s/%d", ptr, key, i)
			p, h := childCtx(t, variantHint(m, i))
			mu := l.schema(m, mptr, p, h)
			t.Variants = append(t.Variants, &model.Variant{Type: mu.t})
		}
		l.discriminator(t, s, ptr)
		if orderedmap.Len(s.Properties) > 0 {
			l.besideUnion(t, s, ptr, pos, key, members)
		}
		u.t = t
		return u
	case len(s.AllOf) == 1 && orderedmap.Len(s.Properties) == 0:
		inner := l.schemaInto(s.AllOf[0], ptr+"/allOf/0", parent, hint, into)
		return merge(u, inner)
	case len(s.AllOf) > 1 && orderedmap.Len(s.Properties) == 0 && onlyShape(s.AllOf) >= 0:
		// allOf [{$ref: String}, {description: ...}], as converted AWS
		// specs write every property: the one member with a shape is the
		// type; the others only annotate it.
		i := onlyShape(s.AllOf)
		inner := l.schemaInto(s.AllOf[i], fmt.Sprintf("%s/allOf/%d", ptr, i), parent, hint, into)
		for j, m := range s.AllOf {
			if ms := m.Schema(); j != i && ms != nil {
				u.description = firstNonEmpty(u.description, ms.Description)
				u.nullable = u.nullable || hasNull(ms)
				u.readOnly = u.readOnly || isTrue(ms.ReadOnly)
				u.writeOnly = u.writeOnly || isTrue(ms.WriteOnly)
				u.deprecated = u.deprecated || isTrue(ms.Deprecated)
				if u.example == nil {
					u.example = l.example(ms, fmt.Sprintf("%s/allOf/%d", ptr, j))
				}
				l.schemaExamples(ms, fmt.Sprintf("%s/allOf/%d", ptr, j), merge(u, inner))
			}
		}
		return merge(u, inner)
	case len(s.AllOf) > 0 && orderedmap.Len(s.Properties) == 0:
		if su, ok := l.scalarAllOf(s, ptr, pos, parent, hint, into, u); ok {
			return su
		}
		fallthrough
	case len(s.AllOf) > 0:
		t := newType(model.KindStruct, true)
		t.Nullable = u.nullable
		l.parentDiscriminator(t, s, ptr)
		l.allOf(t, s, ptr, pos)
		u.t = t
		return u
	}

	if len(s.Enum) == 0 && s.Const != nil && s.Const.ShortTag() != "!!null" {
		// const: v is a one-value enum, except for an object or an array,
		// which Go constants cannot hold: typed by its type, unchecked.
		if kind := valueKind(s.Const); kind == "object" || kind == "array" {
			// Warned about by unsupported.
			if len(types) == 0 {
				types = []string{kind}
			}
		} else {
			return l.enum(s, ptr, pos, types, u, newType)
		}
	} else if len(s.Enum) > 0 || s.Const != nil {
		return l.enum(s, ptr, pos, types, u, newType)
	}
	if len(types) > 1 {
		// type: [string, integer]: a union of primitives.
		t := newType(model.KindUnion, true)
		t.Nullable = u.nullable
		for i, name := range types {
			if name != "object" && name != "array" {
				t.Variants = append(t.Variants, &model.Variant{Type: &model.Type{Kind: primitiveKind(name), Pointer: ptr, Format: s.Format}})
				continue
			}
			// type: [object, array] with properties and items: each variant
			// is the schema read with that one type, so the object keeps the
			// properties and the array its items.
			one := *s
			one.Type = []string{name}
			p, h := childCtx(t, name)
			vu := l.inlineSchema(&one, fmt.Sprintf("%s/type/%d", ptr, i), pos, p, h, nil)
			t.Variants = append(t.Variants, &model.Variant{Type: vu.t})
		}
		u.t = t
		return u
	}
	kind := ""
	if len(types) == 1 {
		kind = types[0]
	} else if orderedmap.Len(s.Properties) > 0 || s.AdditionalProperties != nil || orderedmap.Len(s.PatternProperties) > 0 ||
		s.UnevaluatedProperties != nil || hasConditional(s) {
		kind = "object"
	} else if s.Items != nil || len(s.PrefixItems) > 0 {
		kind = "array"
	}
	switch kind {
	case "object":
		patterns, _ := patternsTyped(s)
		if orderedmap.Len(s.Properties) == 0 && !hasConditional(s) && !patterns {
			t := newType(model.KindMap, false)
			t.Nullable = u.nullable
			if ap := additional(s); ap != nil && ap.IsA() && ap.A != nil {
				p, h := childCtx(t, "value")
				eu := l.schema(ap.A, ptr+"/"+additionalKeyword(s), p, h)
				t.Elem, t.ElemNullable = eu.t, eu.nullable
			} else {
				t.Elem = anyType()
				t.ElemNullable = true
				if ap != nil && ap.IsB() && !ap.B {
					t.Closed = true // {} with nothing allowed: still a map, always empty
				}
			}
			u.t = t
			return u
		}
		t := newType(model.KindStruct, true)
		t.Nullable = u.nullable
		l.parentDiscriminator(t, s, ptr)
		l.properties(t, s, ptr)
		l.conditional(t, s, ptr)
		if patterns {
			l.patterns(t, s, ptr)
		}
		l.extra(t, s, ptr)
		u.t = t
		return u
	case "array":
		if len(s.PrefixItems) > 0 {
			t := newType(model.KindStruct, true)
			t.Nullable = u.nullable
			l.tuple(t, s, ptr)
			u.t = t
			return u
		}
		t := newType(model.KindArray, false)
		t.Nullable = u.nullable
		if s.Items != nil && s.Items.IsA() && s.Items.A != nil {
			p, h := childCtx(t, "item")
			eu := l.schema(s.Items.A, ptr+"/items", p, h)
			t.Elem, t.ElemNullable = eu.t, eu.nullable
		} else {
			t.Elem = anyType()
			t.ElemNullable = true
		}
		u.t = t
		return u
	case "string", "integer", "number", "boolean":
		t := newType(primitiveKind(kind), false)
		t.Nullable = u.nullable
		t.Format = s.Format
		if kind == "string" {
			t.ContentMediaType = strings.TrimSpace(s.ContentMediaType)
		}
		if kind == "string" && t.Format == "" && strings.EqualFold(s.ContentEncoding, "base64") {
			// 3.1 spells format: byte as contentEncoding: base64.
			t.Format = "byte"
		}
		if kind == "string" && t.Format == "" && s.ContentEncoding == "" && binaryMedia(s.ContentMediaType) {
			// 3.1 spells format: binary as a contentMediaType of raw bytes
			// (image/png, application/pdf) without a contentEncoding.
			t.Format = "binary"
		}
		l.checkFormat(kind, s.Format, ptr, pos)
		u.t = t
		return u
	case "":
		t := newType(model.KindAny, false)
		t.Nullable = true
		u.t = t
		return u
	}
	t := newType(model.KindAny, false)
	t.Fallback = fmt.Sprintf("unknown type %q is read as any JSON value", kind)
	l.warnf(pos, ptr, "%s", t.Fallback)
	u.t = t
	return u
}

// merge combines what a wrapper (anyOf [X, null], allOf [X]) says about a
// place with what its single member says.
func merge(outer, inner use) use {
	inner.nullable = inner.nullable || outer.nullable
	inner.readOnly = inner.readOnly || outer.readOnly
	inner.writeOnly = inner.writeOnly || outer.writeOnly
	inner.deprecated = inner.deprecated || outer.deprecated
	inner.description = firstNonEmpty(outer.description, inner.description)
	if outer.example != nil {
		inner.example = outer.example
	}
	return inner
}

func variantHint(m *base.SchemaProxy, i int) string {
	if m.IsReference() {
		return "variant" + strconv.Itoa(i)
	}
	if s := m.Schema(); s != nil {
		if s.Title != "" {
			return s.Title
		}
		if t := nonNullTypes(s.Type); len(t) == 1 {
			return t[0]
		}
	}
	return "variant" + strconv.Itoa(i)
}

// onlyRequired reports whether every member of a oneOf or anyOf only lists
// required properties (and annotates): no $ref, type, properties or other
// shape of its own.
func onlyRequired(members []*base.SchemaProxy) bool {
	for _, m := range members {
		if m.IsReference() || m.IsTransformedRefWithSiblings() || hasShape(m.Schema()) {
			return false
		}
	}
	return true
}

// requiredByAll is the properties every member requires, in the order of
// the first member.
func requiredByAll(members []*base.SchemaProxy) []string {
	var out []string
	for _, name := range members[0].Schema().Required {
		all := true
		for _, m := range members[1:] {
			all = all && slices.Contains(m.Schema().Required, name)
		}
		if all {
			out = append(out, name)
		}
	}
	return out
}

// besideUnion gives every object variant of union t the properties written
// beside its oneOf or anyOf, as JSON Schema reads them (each variant must
// also match them): they come first, then the variant's own, which win
// where both define a member; s's required list applies to both. An inline
// variant gets them in place. A $ref'd one is shared with other places, so
// the union gets a struct of its own, named after both (Payment and Card:
// PaymentCard), merged as allOf would. A variant that is no object (a
// string, an array) cannot hold them: warned about, and such a value keeps
// them as unknown fields.
func (l *loader) besideUnion(t *model.Type, s *base.Schema, ptr string, pos model.Pos, key string, members []*base.SchemaProxy) {
	common := &model.Type{Kind: model.KindStruct, Pointer: ptr, Pos: pos}
	l.propertiesOf(common, t, s, ptr)
	for i, v := range t.Variants {
		m := members[i]
		mptr := fmt.Sprintf("%s/%s/%d", ptr, key, i)
		mpos := l.proxyPos(m)
		if ref, _ := refAndSiblings(m); ref != "" {
			target := v.Type.Resolved()
			if target == nil {
				continue // an alias loop, reported
			}
			if !l.complete(target) {
				// Being defined further up: its kind is not known yet.
				l.variantFallback(t, mpos, mptr, fmt.Sprintf("the properties beside %s are not typed in variant %d, which refers back to a schema being defined: a value of it keeps them as unknown fields", key, i))
				continue
			}
			if target.Kind != model.KindStruct || target.Tuple {
				l.variantFallback(t, mpos, mptr, fmt.Sprintf("the properties beside %s are not typed in variant %d, %s: a value of it keeps them as unknown fields", key, i, aKind(target)))
				continue
			}
			nt := &model.Type{Kind: model.KindStruct, Named: true, NameParent: t, NameHint: slices.Clone(target.NameHint),
				Pointer: mptr, Pos: mpos, Description: target.Description,
				Usage: fmt.Sprintf("It is %s with the properties written beside %s in %s.", target.Pointer, key, ptr)}
			l.api.Types = append(l.api.Types, nt)
			l.nextMember(nt)
			for _, f := range common.Fields {
				g := *f
				l.putField(nt, &g, ptr, pos)
			}
			l.nextMember(nt)
			l.mergeFrom(nt, v.Type, mptr, mpos, 0)
			l.required[nt] = append(l.required[nt], s.Required...)
			requireAll(l, nt, s.Required)
			v.Type = nt
			continue
		}
		vt := v.Type
		switch {
		case vt.Pointer != mptr:
			continue // not this member's own type (a shared deep $ref); left as is
		case vt.Kind == model.KindAny:
			// {required: [a]} beside shaped members: the struct of the
			// properties, its required list applied.
			vt.Kind, vt.Nullable = model.KindStruct, false
			if !vt.Named {
				vt.Named, vt.NameParent, vt.NameHint = true, t, []string{variantHint(m, i)}
				l.api.Types = append(l.api.Types, vt)
			}
		case vt.Kind != model.KindStruct || vt.Tuple:
			l.variantFallback(t, mpos, mptr, fmt.Sprintf("the properties beside %s are not typed in variant %d, %s: a value of it keeps them as unknown fields", key, i, aKind(vt)))
			continue
		}
		own := vt.Fields
		vt.Fields = nil
		delete(l.fieldsByName, vt)
		for _, f := range common.Fields {
			if !slices.ContainsFunc(own, func(o *model.Field) bool { return o.Name == f.Name }) {
				g := *f
				vt.Fields = append(vt.Fields, &g)
			}
		}
		vt.Fields = append(vt.Fields, own...)
		delete(l.fieldsByName, vt)
		required := slices.Clone(s.Required)
		if ms := m.Schema(); ms != nil {
			required = append(required, ms.Required...)
		}
		requireAll(l, vt, required)
	}
}

// variantFallback warns, at a variant, that the union's properties could not
// be merged into it, and notes it in the union's doc.
func (l *loader) variantFallback(t *model.Type, pos model.Pos, ptr, msg string) {
	l.warnf(pos, ptr, "%s", msg)
	t.Fallback = joinNotes(t.Fallback, []string{msg})
}

// aKind is "a string", "an integer", "a tuple": what a type is, in words.
func aKind(t *model.Type) string {
	k := t.Kind.String()
	if t.Tuple {
		k = "tuple"
	}
	if strings.ContainsRune("aeiou", rune(k[0])) {
		return "an " + k
	}
	return "a " + k
}

// requireAll marks the fields of t named in required as required.
func requireAll(l *loader, t *model.Type, required []string) {
	for _, name := range required {
		if i, ok := l.fieldIndex(t)[name]; ok {
			t.Fields[i].Required = true
		}
	}
}

// properties appends the properties of s to struct t. A property defined
// again replaces the earlier one in place (allOf redefinitions).
func (l *loader) properties(t *model.Type, s *base.Schema, ptr string) {
	l.propertiesOf(t, t, s, ptr)
}

// propertiesOf is properties, naming the inline types of the properties
// after parent rather than t.
func (l *loader) propertiesOf(t, parent *model.Type, s *base.Schema, ptr string) {
	for name, psp := range s.Properties.FromOldest() {
		fptr := ptr + "/properties/" + pointerEscape(name)
		u := l.schema(psp, fptr, parent, []string{name})
		f := &model.Field{
			Name:        name,
			Pointer:     fptr,
			Pos:         l.proxyPos(psp),
			Type:        u.t,
			Required:    slices.Contains(s.Required, name),
			Nullable:    u.nullable,
			ReadOnly:    u.readOnly,
			WriteOnly:   u.writeOnly,
			Deprecated:  u.deprecated,
			Description: u.description,
			Example:     u.example,
		}
		l.putField(t, f, fptr, f.Pos)
	}
	// required may name properties that an allOf member defines, even one
	// merged later (see applyPendingMerges).
	if _, ok := l.member[t]; ok && len(s.Required) > 0 {
		l.required[t] = append(l.required[t], s.Required...)
	}
	for _, name := range s.Required {
		if i, ok := l.fieldIndex(t)[name]; ok {
			t.Fields[i].Required = true
		}
	}
}

// extra records additionalProperties (or unevaluatedProperties, which
// oagen reads the same way: every property of the struct is evaluated)
// beside properties.
func (l *loader) extra(t *model.Type, s *base.Schema, ptr string) {
	ap := additional(s)
	switch {
	case ap == nil:
	case ap.IsB():
		t.Closed = !ap.B
	case ap.A != nil:
		u := l.schema(ap.A, ptr+"/"+additionalKeyword(s), t, []string{"value"})
		t.Extra, t.ExtraNullable = u.t, u.nullable
	}
}

// additional is additionalProperties, or unevaluatedProperties without it.
func additional(s *base.Schema) *base.DynamicValue[*base.SchemaProxy, bool] {
	if s.AdditionalProperties != nil {
		return s.AdditionalProperties
	}
	return s.UnevaluatedProperties
}

func additionalKeyword(s *base.Schema) string {
	if s.AdditionalProperties != nil {
		return "additionalProperties"
	}
	return "unevaluatedProperties"
}

// allOf merges every member into struct t: the fields of referenced
// components (defined first if they come later), then inline members, then
// the schema's own properties.
func (l *loader) allOf(t *model.Type, s *base.Schema, ptr string, pos model.Pos) {
	for i, m := range s.AllOf {
		l.nextMember(t)
		mptr := fmt.Sprintf("%s/allOf/%d", ptr, i)
		if ref, _ := refAndSiblings(m); ref != "" {
			target := l.resolve(ref, mptr, l.proxyPos(m))
			l.allOfParents[target] = append(l.allOfParents[target], t)
			l.mergeFrom(t, target, mptr, l.proxyPos(m), 0)
			continue
		}
		ms := m.Schema()
		if ms == nil {
			at := l.pos(m.GetValueNode())
			if at.Line == 0 {
				at = pos // libopenapi made this member up (allOf written as a mapping)
			}
			l.errorf(at, mptr, "invalid schema: allOf must be an array of schemas")
			continue
		}
		l.defs(ms, mptr)
		if len(ms.AllOf) > 0 {
			l.allOf(t, ms, mptr, pos)
		}
		if len(ms.OneOf) > 0 || len(ms.AnyOf) > 0 {
			l.warnf(l.pos(m.GetValueNode()), mptr, "a oneOf/anyOf inside allOf is not merged; its properties are kept as unknown fields")
		} else if notes := l.unsupported(ms, mptr, l.pos(m.GetValueNode())); len(notes) > 0 {
			t.Fallback = joinNotes(t.Fallback, notes)
		}
		l.schemaExamples(ms, mptr, use{t: t})
		l.properties(t, ms, mptr)
		l.conditional(t, ms, mptr)
		if ok, _ := patternsTyped(ms); ok {
			if t.Pattern != "" {
				l.warnf(l.pos(m.GetValueNode()), mptr+"/patternProperties", "a second patternProperties in allOf is not typed: the members it describes are kept, untyped")
			} else {
				l.patterns(t, ms, mptr)
			}
		}
		t.Nullable = t.Nullable && hasNull(ms)
	}
	l.nextMember(t)
	l.properties(t, s, ptr)
	l.conditional(t, s, ptr)
	if ok, _ := patternsTyped(s); ok {
		l.patterns(t, s, ptr)
	}
	l.extra(t, s, ptr)
	// A member's required list may name a property of a member merged
	// after it (allOf [{required: [id]}, {$ref: X}]).
	for _, name := range l.required[t] {
		if i, ok := l.fieldIndex(t)[name]; ok {
			t.Fields[i].Required = true
		}
	}
}

// mergeFrom copies the fields of target (a struct, or an alias of one) into t.
func (l *loader) mergeFrom(t, target *model.Type, ptr string, pos model.Pos, depth int) {
	if l.tooManyFields {
		return // reported; merging more would only cost time
	}
	if target == t {
		l.errorf(pos, ptr, "circular allOf: %s includes itself", t.Pointer)
		return
	}
	if !l.complete(target) || l.waiting[target] > 0 {
		// target is being defined further up (Item allOf [Parent] while
		// Parent's own properties refer to Item): merge its fields once it
		// is complete, at the place they belong. A true allOf loop never
		// completes and is reported then.
		l.pending = append(l.pending, pendingMerge{t: t, target: target, member: l.member[t], ptr: ptr, pos: pos})
		l.waiting[t]++
		return
	}
	if target.Kind == model.KindAlias && target.Target != nil && depth < 64 {
		l.mergeFrom(t, target.Target, ptr, pos, depth+1)
		return
	}
	if !l.mergeable(target, ptr, pos) {
		return
	}
	for _, f := range target.Fields {
		g := *f
		if !l.putField(t, &g, ptr, pos) {
			break
		}
	}
	mergeMaps(t, target)
}

// mergeable reports whether allOf member target has fields to merge: a
// struct does, an open object adds none, and anything else (a string, an
// array, a tuple) is warned about and adds nothing.
func (l *loader) mergeable(target *model.Type, ptr string, pos model.Pos) bool {
	switch {
	case target.Kind == model.KindStruct && target.Tuple:
		l.warnf(pos, ptr, "allOf member %s is an array (prefixItems), not an object; it adds nothing to the merged struct", target.Pointer)
	case target.Kind == model.KindStruct:
		return true
	case target.Kind == model.KindMap, target.Kind == model.KindAny:
		// An open object adds no properties.
	default:
		l.warnf(pos, ptr, "allOf member %s is a %s, not an object; it adds nothing to the merged struct", target.Pointer, target.Kind)
	}
	return false
}

// mergeMaps gives struct t the typed additional and pattern members of an
// allOf member, unless t has its own.
func mergeMaps(t, target *model.Type) {
	if target.Extra != nil && t.Extra == nil {
		t.Extra, t.ExtraNullable = target.Extra, target.ExtraNullable
	}
	if target.Pattern != "" && t.Pattern == "" {
		t.Pattern, t.PatternElem, t.PatternNullable = target.Pattern, target.PatternElem, target.PatternNullable
	}
}

// enum loads an enum or a const.
func (l *loader) enum(s *base.Schema, ptr string, pos model.Pos, types []string, u use, newType func(model.Kind, bool) *model.Type) use {
	nodes := s.Enum
	if len(nodes) == 0 {
		nodes = []*yaml.Node{s.Const}
	}
	var base string
	if len(types) == 1 {
		base = types[0]
	}
	var vals []*model.Value
	seen := make(map[string]bool, len(nodes)) // JSON texts in vals
	coerced := false
	for i, n := range nodes {
		if n.ShortTag() == "!!null" {
			u.nullable = true
			continue
		}
		v, err := l.jsonValue(n)
		if err != nil {
			l.errorf(l.pos(n), fmt.Sprintf("%s/enum/%d", ptr, i), "%v", err)
			continue
		}
		kind := valueKind(n)
		if kind == "string" && n.Style == 0 && isJSONNumber(n.Value) {
			// YAML reads a plain number beyond float64 (1e400) as a string.
			v, kind = &model.Value{JSON: n.Value, Pos: v.Pos}, "number"
		}
		if kind == "number" && isIntegerText(v.JSON) {
			// YAML tags an integer too large for int64 as a float.
			kind = "integer"
		}
		if len(types) == 1 && kind != base {
			// type: integer with enum ["1", "2"], type: string with enum
			// [20160128] (bungie.net, firebrowse.org): the declared type is
			// what goes on the wire, and the member is read as that type
			// when its text is one.
			if c, ok := coerceEnum(n, v, base); ok {
				if !coerced {
					l.warnf(pos, ptr, "enum members are written as %ss, but the schema's type is %s: read as %ss", kind, base, base)
					coerced = true
				}
				v, kind = c, base
			}
		}
		if base == "" {
			base = kind
		} else if kind != base && !(base == "number" && kind == "integer") && !(base == "integer" && kind == "number" && isIntegral(v.JSON)) {
			// Mixed members cannot share one Go type.
			t := newType(model.KindAny, false)
			t.Nullable = true
			t.Fallback = fmt.Sprintf("enum mixes %s and %s members; read as any JSON value", base, kind)
			l.warnf(pos, ptr, "%s", t.Fallback)
			u.t = t
			return u
		}
		if seen[v.JSON] {
			l.warnf(v.Pos, fmt.Sprintf("%s/enum/%d", ptr, i), "duplicate enum value %s is listed once", v.JSON)
			continue
		}
		seen[v.JSON] = true
		vals = append(vals, v)
	}
	if len(vals) == 0 {
		t := newType(model.KindAny, false)
		t.Nullable = true
		u.t = t
		return u
	}
	switch base {
	case "string", "integer", "number", "boolean":
	default:
		t := newType(model.KindAny, false)
		t.Fallback = fmt.Sprintf("enum of %s values is read as any JSON value", base)
		l.warnf(pos, ptr, "%s", t.Fallback)
		u.t = t
		return u
	}
	format := s.Format
	if base == "integer" || base == "number" {
		vals, format = l.numericEnum(vals, base, format, ptr, nodes)
		if len(vals) == 0 {
			t := newType(model.KindAny, false)
			t.Nullable = true
			t.Fallback = fmt.Sprintf("no value of the %s enum fits a Go %s; read as any JSON value", base, goNumber(base, format))
			l.warnf(pos, ptr, "%s", t.Fallback)
			u.t = t
			return u
		}
	}
	t := newType(model.KindEnum, true)
	t.Base = primitiveKind(base)
	t.Format = format
	t.Nullable = u.nullable
	for _, v := range vals {
		t.Values = append(t.Values, &model.EnumValue{Value: v})
	}
	u.t = t
	return u
}

// numericEnum checks the values of an integer or number enum against the
// Go type they become, so that every constant compiles: an integer beyond
// int32 widens an int32 enum to int64 (a warning), and a value beyond
// int64 or float64 gets no constant (a warning; a server sending it
// anyway is read as an invalid value, kept). Values that are one number
// written twice (1 and 1.0) are listed once. It returns the values kept
// and the format to declare the enum with.
func (l *loader) numericEnum(vals []*model.Value, base, format, ptr string, nodes []*yaml.Node) ([]*model.Value, string) {
	var index map[[2]int]int // a member's index in the spec by its place, for its pointer
	member := func(v *model.Value) string {
		if index == nil {
			index = make(map[[2]int]int, len(nodes))
			for i, n := range nodes {
				index[[2]int{n.Line, n.Column}] = i
			}
		}
		return fmt.Sprintf("%s/enum/%d", ptr, index[[2]int{v.Pos.Line, v.Pos.Col}])
	}
	// Warned only when some value is kept: else the enum as a whole falls
	// back, with a warning of its own.
	var warns model.Diagnostics
	warnf := func(v *model.Value, format string, args ...any) {
		warns = append(warns, &model.Diagnostic{Pos: l.placed(v.Pos, member(v)), Pointer: member(v), Message: fmt.Sprintf(format, args...)})
	}
	kept := vals[:0:0]
	seen := map[string]bool{}
	widened := false
	for _, v := range vals {
		written := v.JSON
		var key string
		switch base {
		case "integer":
			n, ok := new(big.Int).SetString(v.JSON, 10)
			if !ok {
				// 1.0, 1e3: an integer in JSON Schema's sense, written as a number.
				f, _, err := big.ParseFloat(v.JSON, 10, 256, big.ToNearestEven)
				if err != nil || !f.IsInt() {
					warnf(v, "enum value %s is not an integer: it has no constant", v.JSON)
					continue
				}
				n, _ = f.Int(nil)
				v = &model.Value{JSON: n.String(), Pos: v.Pos}
			}
			if !n.IsInt64() {
				warnf(v, "enum value %s does not fit in an int64: it has no constant, and is read as an invalid value when received", v.JSON)
				continue
			}
			if format == "int32" && (n.Int64() > math.MaxInt32 || n.Int64() < math.MinInt32) {
				if !widened {
					warnf(v, "enum value %s does not fit in an int32 (format int32): the enum is an int64", v.JSON)
					widened = true
				}
				format = "int64"
			}
			key = n.String()
		case "number":
			f, err := strconv.ParseFloat(v.JSON, 64)
			if err != nil || math.IsNaN(f) {
				warnf(v, "enum value %s does not fit in a float64: it has no constant, and is read as an invalid value when received", v.JSON)
				continue
			}
			key = strconv.FormatFloat(f, 'g', -1, 64)
		}
		if seen[key] {
			warnf(v, "enum value %s is the number %s again: it is listed once", written, key)
			continue
		}
		seen[key] = true
		kept = append(kept, v)
	}
	if len(kept) > 0 {
		l.warns = append(l.warns, warns...)
	}
	return kept, format
}

// goNumber is the Go type of an integer or number enum of this format.
func goNumber(base, format string) string {
	switch {
	case base == "integer" && format == "int32":
		return "int32"
	case base == "integer":
		return "int64"
	}
	return "float64"
}

// isIntegral reports whether the JSON number s has no fractional part
// (1e3, 2.0), which JSON Schema counts as an integer.
func isIntegral(s string) bool {
	f, _, err := big.ParseFloat(s, 10, 256, big.ToNearestEven)
	return err == nil && f.IsInt()
}

// isIntegerText reports whether s is an integer literal: an optional minus
// sign and digits.
func isIntegerText(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func valueKind(n *yaml.Node) string {
	switch n.ShortTag() {
	case "!!int":
		return "integer"
	case "!!float":
		return "number"
	case "!!bool":
		return "boolean"
	case "!!str", "!!timestamp":
		return "string"
	}
	if n.Kind == yaml.MappingNode {
		return "object"
	}
	if n.Kind == yaml.SequenceNode {
		return "array"
	}
	return "string"
}

func (l *loader) discriminator(t *model.Type, s *base.Schema, ptr string) {
	d := s.Discriminator
	if d == nil || d.PropertyName == "" {
		return
	}
	t.Discriminator = &model.Discriminator{Property: d.PropertyName}
	if d.Mapping != nil {
		for value, ref := range d.Mapping.FromOldest() {
			target := l.byPointer[l.files.pointerKey(ref)]
			if target == nil && !strings.HasPrefix(ref, "#") {
				target = l.byPointer["#/components/schemas/"+pointerEscape(ref)]
			}
			found := false
			for _, v := range t.Variants {
				if v.Type == target && target != nil {
					v.Tags = append(v.Tags, value)
					found = true
				}
			}
			if !found {
				l.warnf(t.Pos, ptr+"/discriminator/mapping", "discriminator value %q maps to %s, which is not a member; the value is ignored", value, ref)
			}
		}
	}
	// A member the mapping does not name is selected by its component name
	// (the implicit mapping), unless the mapping already gives that value to
	// another member.
	taken := map[string]bool{}
	for _, v := range t.Variants {
		for _, tag := range v.Tags {
			taken[tag] = true
		}
	}
	for _, v := range t.Variants {
		if name := v.Type.Component; name != "" && len(v.Tags) == 0 && !taken[name] {
			v.Tags = append(v.Tags, name)
			taken[name] = true
		}
	}
}

func (l *loader) example(s *base.Schema, ptr string) *model.Value {
	n := s.Example
	if n == nil && len(s.Examples) > 0 {
		n = s.Examples[0]
	}
	if n == nil {
		return nil
	}
	v, err := l.jsonValue(n)
	if err != nil {
		l.warnf(l.pos(n), ptr+"/example", "example ignored: %v", err)
		return nil
	}
	return v
}

// knownFormats are the formats that need no warning: those the generator
// maps to a Go type, and common ones that are plain strings or numbers.
var knownFormats = map[string]map[string]bool{
	"string": set("date-time", "date", "time", "duration", "uuid", "uri", "url", "uri-reference", "uri-template",
		"iri", "iri-reference", "email", "idn-email", "hostname", "idn-hostname", "ipv4", "ipv6", "byte", "binary",
		"password", "regex", "json-pointer", "relative-json-pointer", "phone", "e164"),
	"integer": set("int32", "int64", "int8", "int16", "uint8", "uint16", "uint32", "uint64", "unix-time"),
	"number":  set("float", "double", "decimal", "int32", "int64"),
	"boolean": set(),
}

func set(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// checkFormat records an unknown format: it falls back to the base type and
// is reported once per format, naming every place.
func (l *loader) checkFormat(kind, format, ptr string, pos model.Pos) {
	if format == "" || knownFormats[kind][format] {
		return
	}
	key := kind + "\x00" + format
	l.formats[key] = append(l.formats[key], model.Related{Pos: pos, Pointer: ptr})
}

func (l *loader) unknownFormats() {
	keys := make([]string, 0, len(l.formats))
	for k := range l.formats {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		kind, format, _ := strings.Cut(k, "\x00")
		places := l.formats[k]
		slices.SortStableFunc(places, func(a, b model.Related) int {
			if a.Pos.Line != b.Pos.Line {
				return a.Pos.Line - b.Pos.Line
			}
			return a.Pos.Col - b.Pos.Col
		})
		d := &model.Diagnostic{Pos: places[0].Pos, Pointer: places[0].Pointer,
			Message: fmt.Sprintf("unknown format %q on %s: generated as a plain %s", format, kind, kind), Related: places[1:]}
		l.warns = append(l.warns, d)
	}
}

func primitiveKind(name string) model.Kind {
	switch name {
	case "string":
		return model.KindString
	case "integer":
		return model.KindInteger
	case "number":
		return model.KindNumber
	case "boolean":
		return model.KindBoolean
	}
	return model.KindAny
}

// hasNull reports whether s admits null by its own keywords: a type array
// with "null", nullable: true (3.0), a null enum member, or an anyOf/oneOf
// member {type: null}.
func hasNull(s *base.Schema) bool {
	if s == nil {
		return false
	}
	if isTrue(s.Nullable) || slices.Contains(s.Type, "null") {
		return true
	}
	for _, n := range s.Enum {
		if n != nil && n.ShortTag() == "!!null" {
			return true
		}
	}
	_, a := dropNullMembers(s.AnyOf)
	_, o := dropNullMembers(s.OneOf)
	return a || o
}

func nonNullTypes(ts []string) []string {
	var out []string
	for _, t := range ts {
		if t != "null" {
			out = append(out, t)
		}
	}
	return out
}

// dropNullMembers removes the members that admit only null (see
// nullOnly) and reports whether there were any.
func dropNullMembers(ms []*base.SchemaProxy) ([]*base.SchemaProxy, bool) {
	var out []*base.SchemaProxy
	found := false
	for _, m := range ms {
		if m != nil && nullOnly(m) {
			found = true
			continue
		}
		out = append(out, m)
	}
	return out, found
}

// nullOnly reports whether member m of an anyOf or oneOf admits null and
// nothing else, however it spells it: {type: 'null'} or a list of it, an
// enum of null alone, const: null, 3.0's {nullable: true} with no type or
// shape, or a $ref to a schema that is one of these. anyOf [{$ref: X}, m]
// is then X or null: a nullable X.
func nullOnly(m *base.SchemaProxy) bool {
	s := m.Schema()
	if s == nil {
		return false
	}
	if len(s.Enum) > 0 {
		for _, n := range s.Enum {
			if n == nil || n.ShortTag() != "!!null" {
				return false
			}
		}
		return true
	}
	if s.Const != nil {
		return s.Const.ShortTag() == "!!null"
	}
	if len(s.Type) > 0 {
		return len(nonNullTypes(s.Type)) == 0
	}
	return isTrue(s.Nullable) && !hasShape(s) && orderedmap.Len(s.Properties) == 0
}

func isTrue(b *bool) bool { return b != nil && *b }

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}

// fieldIndex maps the JSON names of struct t's fields to their index.
func (l *loader) fieldIndex(t *model.Type) map[string]int {
	idx := l.fieldsByName[t]
	if idx == nil {
		if l.fieldsByName == nil {
			l.fieldsByName = map[*model.Type]map[string]int{}
		}
		idx = make(map[string]int, len(t.Fields))
		for i, f := range t.Fields {
			idx[f.Name] = i
		}
		l.fieldsByName[t] = idx
	}
	return idx
}

// putField adds f to struct t, or replaces t's field of the same name in
// place (an allOf member or a property defined again), keeping it required
// if it was. It reports false once the spec has more fields than MaxFields.
func (l *loader) putField(t *model.Type, f *model.Field, ptr string, pos model.Pos) bool {
	idx := l.fieldIndex(t)
	if m, ok := l.member[t]; ok {
		l.noteMember(t, f.Name, m)
	}
	if i, ok := idx[f.Name]; ok {
		f.Required = f.Required || t.Fields[i].Required
		t.Fields[i] = f
		return true
	}
	if l.fieldCount++; l.fieldCount > MaxFields {
		if !l.tooManyFields {
			l.tooManyFields = true
			l.errorf(pos, ptr, "the structs of this spec have more than %d fields in all (allOf copies every field of its members into each struct): oagen reads specs up to that size", MaxFields)
		}
		return false
	}
	idx[f.Name] = len(t.Fields)
	t.Fields = append(t.Fields, f)
	return true
}

// pendingMerge is an allOf member whose fields could not be merged yet
// because the member was still being defined.
type pendingMerge struct {
	t, target *model.Type
	member    int // the allOf member's number in t (see nextMember)
	ptr       string
	pos       model.Pos
}

// fieldMembers says, for a field of a struct merged by allOf, which member
// defined it first (its place) and which last (its definition).
type fieldMembers struct{ first, last int }

// nextMember numbers the next allOf member merged into struct t, nested
// allOfs included, in document order: what a deferred merge needs to put
// its fields where they belong.
func (l *loader) nextMember(t *model.Type) {
	if l.member == nil {
		l.member = map[*model.Type]int{}
		l.members = map[*model.Type]map[string]fieldMembers{}
		l.required = map[*model.Type][]string{}
	}
	l.member[t]++
}

func (l *loader) noteMember(t *model.Type, name string, m int) {
	byName := l.members[t]
	if byName == nil {
		byName = map[string]fieldMembers{}
		l.members[t] = byName
	}
	fm, ok := byName[name]
	if !ok {
		fm.first = m
	}
	fm.first, fm.last = min(fm.first, m), max(fm.last, m)
	byName[name] = fm
}

// applyPendingMerges merges the allOf members that were deferred, each once
// its member has no merge of its own pending. What is left when nothing
// more can be merged is an allOf loop.
func (l *loader) applyPendingMerges() {
	for len(l.pending) > 0 {
		var rest []pendingMerge
		for _, p := range l.pending {
			target := p.target.Resolved()
			if target == nil || l.waiting[target] > 0 {
				rest = append(rest, p)
				continue
			}
			l.insertFields(p.t, target, p.member, p.ptr, p.pos)
			l.waiting[p.t]--
		}
		if len(rest) == len(l.pending) {
			for _, p := range rest {
				l.errorf(p.pos, p.ptr, "circular allOf: %s includes itself", p.target.Pointer)
			}
			rest = nil
		}
		l.pending = rest
	}
}

// insertFields merges the fields of struct target into t as allOf member
// number m would have: its definitions win over those of earlier members
// and lose to later ones, and a field sits where the first member that
// defines it puts it.
func (l *loader) insertFields(t, target *model.Type, m int, ptr string, pos model.Pos) {
	if !l.mergeable(target, ptr, pos) {
		return
	}
	byName := l.members[t]
	if byName == nil {
		byName = map[string]fieldMembers{}
		l.members[t] = byName
	}
	for _, f := range target.Fields {
		g := *f
		i, ok := l.fieldIndex(t)[g.Name]
		fm := byName[g.Name]
		switch {
		case !ok:
			if !l.putField(t, &g, ptr, pos) {
				return
			}
			fm = fieldMembers{m, m}
		case fm.last <= m:
			g.Required = g.Required || t.Fields[i].Required
			t.Fields[i] = &g
			fm.last = m
		default:
			t.Fields[i].Required = t.Fields[i].Required || g.Required
		}
		fm.first = min(fm.first, m)
		byName[g.Name] = fm
	}
	// A field's place is that of the first member defining it; members
	// keep their own order (the sort is stable).
	slices.SortStableFunc(t.Fields, func(a, b *model.Field) int {
		return byName[a.Name].first - byName[b.Name].first
	})
	delete(l.fieldsByName, t) // rebuilt on next use
	for _, name := range l.required[t] {
		if i, ok := l.fieldIndex(t)[name]; ok {
			t.Fields[i].Required = true
		}
	}
	mergeMaps(t, target)
}

// onlyShape returns the index of the one allOf member that gives a shape
// (a $ref, a type, properties, items, an enum, a composition), when every
// other member only annotates or validates (description, readOnly,
// maxLength, ...); otherwise -1.
func onlyShape(members []*base.SchemaProxy) int {
	found := -1
	for i, m := range members {
		// A member listing required properties changes the struct the
		// others make, so it counts as a shape: allOf [{$ref: X},
		// {required: [name]}] is X with name required, not X.
		if m.IsReference() || m.IsTransformedRefWithSiblings() || hasShape(m.Schema()) || len(m.Schema().Required) > 0 {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

func hasShape(s *base.Schema) bool {
	if s == nil {
		return true // invalid: let the struct path report it
	}
	return len(nonNullTypes(s.Type)) > 0 || orderedmap.Len(s.Properties) > 0 || s.Items != nil ||
		len(s.PrefixItems) > 0 || s.AdditionalProperties != nil || orderedmap.Len(s.PatternProperties) > 0 ||
		len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) > 0 || len(s.Enum) > 0 || s.Const != nil || s.Discriminator != nil ||
		s.If != nil || s.Then != nil || s.Else != nil || orderedmap.Len(s.DependentSchemas) > 0
}

// coerceEnum reads enum member n, whose JSON is v, as a value of the
// schema's type when its text is one: "16" as the integer 16, 20160128 as
// the string "20160128". It reports false when it is not.
func coerceEnum(n *yaml.Node, v *model.Value, base string) (*model.Value, bool) {
	text := n.Value
	switch base {
	case "string":
		if k := valueKind(n); k == "integer" || k == "number" || k == "boolean" {
			return &model.Value{JSON: strconv.Quote(text), Pos: v.Pos}, true
		}
	case "integer":
		if _, err := strconv.ParseInt(text, 10, 64); err == nil && valueKind(n) == "string" {
			return &model.Value{JSON: text, Pos: v.Pos}, true
		}
	case "number":
		if f, err := strconv.ParseFloat(text, 64); err == nil && valueKind(n) == "string" && !math.IsInf(f, 0) && !math.IsNaN(f) && json.Valid([]byte(text)) {
			return &model.Value{JSON: text, Pos: v.Pos}, true
		}
	case "boolean":
		if (text == "true" || text == "false") && valueKind(n) == "string" {
			return &model.Value{JSON: text, Pos: v.Pos}, true
		}
	}
	return nil, false
}

// parentDiscriminator records a discriminator on an object without oneOf or
// anyOf, the parent of the schemas that allOf it (Pet, with Cat and Dog
// allOf [Pet]): once every component is loaded, subtypes gives the struct
// its subtypes, which the emitter turns into AsCat-style methods.
func (l *loader) parentDiscriminator(t *model.Type, s *base.Schema, ptr string) {
	d := s.Discriminator
	if d == nil || d.PropertyName == "" || len(s.OneOf)+len(s.AnyOf) > 0 {
		return
	}
	var mapping [][2]string
	if d.Mapping != nil {
		for value, ref := range d.Mapping.FromOldest() {
			mapping = append(mapping, [2]string{value, ref})
		}
	}
	l.parents = append(l.parents, parentDisc{t: t, property: d.PropertyName, mapping: mapping, ptr: ptr})
}

// parentDisc is a discriminator on a struct, waiting for its subtypes.
type parentDisc struct {
	t        *model.Type
	property string
	mapping  [][2]string // value, $ref, in mapping order
	ptr      string
}

// subtypes gives each struct with a discriminator of its own the schemas
// its value selects: the mapping's, then (the implicit mapping) every
// component that is allOf [parent, ...] under its component name. A mapping
// to a schema that is not an object is warned about and ignored.
func (l *loader) subtypes() {
	for _, p := range l.parents {
		t := p.t
		t.Discriminator = &model.Discriminator{Property: p.property}
		byType := map[*model.Type]*model.Variant{}
		add := func(sub *model.Type, tag string) {
			v := byType[sub]
			if v == nil {
				v = &model.Variant{Type: sub}
				byType[sub] = v
				t.Subtypes = append(t.Subtypes, v)
			}
			v.Tags = append(v.Tags, tag)
		}
		taken := map[string]bool{}
		for _, m := range p.mapping {
			value, ref := m[0], m[1]
			target := l.byPointer[l.files.pointerKey(ref)]
			if target == nil && !strings.HasPrefix(ref, "#") {
				target = l.byPointer["#/components/schemas/"+pointerEscape(ref)]
			}
			sub := target.Resolved()
			if sub == nil || sub.Kind != model.KindStruct || sub.Tuple {
				l.warnf(t.Pos, p.ptr+"/discriminator/mapping", "discriminator value %q maps to %s, which is not an object; the value is ignored", value, ref)
				continue
			}
			taken[value] = true
			if sub != t {
				add(sub, value)
			}
		}
		children := slices.Clone(l.allOfParents[t])
		slices.SortFunc(children, func(a, b *model.Type) int { return strings.Compare(a.Pointer, b.Pointer) })
		for _, c := range children {
			if name := c.Component; name != "" && !taken[name] && byType[c] == nil {
				taken[name] = true
				add(c, name)
			}
		}
	}
}

// binaryMedia reports whether a contentMediaType names bytes rather than
// text: a string of text/* or JSON content is text.
func binaryMedia(mediaType string) bool {
	if mediaType == "" || model.IsJSON(mediaType) {
		return false
	}
	return !strings.HasPrefix(strings.ToLower(strings.TrimSpace(mediaType)), "text/")
}
