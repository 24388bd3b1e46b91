package emit

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// sortedTypes returns the named types of the given kinds sorted by Go name,
// so that output does not depend on the order of the spec.
func sortedTypes(api *model.API, kinds ...model.Kind) []*model.Type {
	want := map[model.Kind]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	var out []*model.Type
	for _, t := range api.Types {
		if t.Named && want[t.Kind] {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].GoName < out[j].GoName })
	return out
}

// typeDoc is the doc comment of a named type: what it is for (its role:
// the body or a response of a method, the type of a field, an item of a
// list; or for a component, the schema it is), then the spec's own words,
// then, as its last line, the JSON pointer of the schema. what is the kind
// of declaration, e.g. "the object", "the enum". extra are paragraphs of
// the emitter's own, put before the pointer.
func typeDoc(t *model.Type, what string, extra ...string) jen.Code {
	kind := strings.TrimPrefix(what, "the ")
	var first string
	pointerLast := true
	switch {
	case t.Component != "" && t.Role != "":
		first = fmt.Sprintf("%s is %s %s of the spec, %s", t.GoName, article(kind), kind, sanitizeLine(t.Role))
	case t.Role != "":
		first = fmt.Sprintf("%s is %s", t.GoName, sanitizeLine(t.Role))
		if kind != "object" && kind != "schema" {
			first += ", " + article(kind) + " " + kind
		}
	case t.Component != "":
		// The key is in the pointer below; a schema of another file has
		// none but the file's name.
		first = fmt.Sprintf("%s is %s %s of the spec", t.GoName, article(kind), kind)
	default:
		first = fmt.Sprintf("%s is %s at %s", t.GoName, what, sanitizeLine(t.Pointer))
		pointerLast = false
	}
	lines := []string{first + "."}
	if t.Title != "" && t.Title != t.Component {
		lines = append(lines, "")
		lines = append(lines, sanitizeLine(t.Title))
	}
	if d := docLines(t.Description, docWidth); len(d) > 0 {
		lines = append(lines, "")
		lines = append(lines, d...)
	}
	if t.Usage != "" {
		lines = append(lines, "")
		lines = append(lines, sanitizeLine(t.Usage))
	}
	if t.Fallback != "" {
		lines = append(lines, "")
		lines = append(lines, "The spec's schema could not be typed faithfully: "+sanitizeLine(t.Fallback)+".")
	}
	for _, e := range extra {
		lines = append(lines, "")
		lines = append(lines, e)
	}
	if t.Deprecated {
		lines = append(lines, "", "Deprecated: the spec marks this schema as deprecated.")
	}
	if pointerLast {
		lines = append(lines, "", "Schema: "+sanitizeLine(t.Pointer))
	}
	return comment(lines...)
}

// article is "a" or "an" for a word.
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

// modelKinds are the kinds declared in the models files.
var modelKinds = []model.Kind{model.KindStruct, model.KindAlias, model.KindAny, model.KindString,
	model.KindInteger, model.KindNumber, model.KindBoolean, model.KindArray, model.KindMap}

func modelsFile(f *jen.File, types []*model.Type) bool {
	for _, t := range types {
		if t.Kind == model.KindStruct {
			what := "the object"
			if t.Tuple {
				what = "the tuple (an array with prefixItems, encoded as a JSON array)"
			}
			f.Add(typeDoc(t, what))
			f.Type().Id(t.GoName).Struct(structFields(t)...)
			f.Line()
			subtypeMethods(f, t)
			continue
		}
		// Other named schemas are aliases: values convert freely and need
		// no methods of their own. An array or map that contains itself is
		// a defined type: Go's type checker crashes on that alias cycle.
		f.Add(typeDoc(t, "the schema"))
		if t.Recursive {
			f.Type().Id(t.GoName).Add(underlying(t))
		} else {
			f.Type().Id(t.GoName).Op("=").Add(underlying(t))
		}
		f.Line()
	}
	return len(types) > 0
}

func structFields(t *model.Type) []jen.Code {
	var fields []jen.Code
	for i, fd := range t.Fields {
		if i > 0 {
			fields = append(fields, jen.Line())
		}
		if doc := fieldDoc(fd); len(doc) > 0 {
			fields = append(fields, fieldComment(doc...))
		}
		tags := map[string]string{"json": fd.Name}
		if fieldWrapped(fd) && !fd.Required {
			tags["json"] += ",omitzero"
		}
		if !jsonTagName(fd.Name) {
			// encoding/json's tag syntax cannot hold this name: the
			// support code reads it, percent-encoded, from oagenjson.
			tags["oagenjson"] = escapeName(fd.Name) + strings.TrimPrefix(tags["json"], fd.Name)
			tags["json"] = "-"
		}
		if fd.ReadOnly {
			tags["oagen"] = "readonly"
		}
		if t.Tuple {
			// A position: the support code reads the oagen tag alone.
			tags = map[string]string{"oagen": "item"}
			if fieldWrapped(fd) && !fd.Required {
				tags["oagen"] = "item,optional"
			}
		}
		fields = append(fields, jen.Id(fd.GoName).Add(fieldType(fd)).Tag(tags))
	}
	for _, m := range mapFields(t) {
		if len(fields) > 0 {
			fields = append(fields, jen.Line())
		}
		fields = append(fields, fieldComment(m.doc...))
		fields = append(fields, jen.Id(m.name).Add(m.typ).Tag(m.tags))
	}
	if len(fields) > 0 {
		fields = append(fields, jen.Line())
	}
	fields = append(fields, jen.Id("kept").Id("keptFields"))
	return fields
}

// mapField is a field of a struct that holds several members: the
// patternProperties, the additionalProperties, or a tuple's Rest.
type mapField struct {
	name string
	typ  *jen.Statement
	tags map[string]string
	doc  []string
}

// mapFields are the fields a struct has beside its properties. Their names
// are the first of Name, Name2, ... that no property of the struct has.
func mapFields(t *model.Type) []mapField {
	taken := map[string]bool{}
	for _, f := range t.Fields {
		taken[f.GoName] = true
	}
	free := func(name string) string {
		for i := 2; taken[name]; i++ {
			name = fmt.Sprintf("%s%d", strings.TrimRight(name, "0123456789"), i)
		}
		taken[name] = true
		return name
	}
	var out []mapField
	if t.Tuple {
		if t.Rest != nil {
			out = append(out, mapField{name: free("Rest"), typ: jen.Index().Add(elemType(t.Rest, t.RestNullable)),
				tags: map[string]string{"oagen": "rest"},
				doc:  []string{"Rest holds the items after the positions (the schema's items)."}})
		}
		return out
	}
	if t.Pattern != "" {
		name := free("PatternProperties")
		out = append(out, mapField{name: name, typ: jen.Map(jen.String()).Add(elemType(t.PatternElem, t.PatternNullable)),
			tags: map[string]string{"json": "-", "oagen": "pattern", "pattern": t.Pattern},
			doc: []string{name + " holds the members whose name matches " + sanitizeLine(strconv.Quote(t.Pattern)) + " (patternProperties), " +
				"decoded and encoded beside the properties, sorted by name when sent."}})
	}
	if t.Extra != nil {
		name := free("AdditionalProperties")
		what := "the members that are not properties"
		if t.Pattern != "" {
			what += " and match no pattern"
		}
		out = append(out, mapField{name: name, typ: jen.Map(jen.String()).Add(elemType(t.Extra, t.ExtraNullable)),
			tags: map[string]string{"json": "-", "oagen": "extra"},
			doc: []string{name + " holds " + what + " (additionalProperties), " +
				"decoded and encoded beside the properties, sorted by name when sent. A member " +
				"whose value does not fit is kept in InvalidFields instead."}})
	}
	return out
}

func fieldDoc(f *model.Field) []string {
	lines := docLines(f.Description, fieldDocWidth)
	var notes []string
	if f.Note != "" {
		notes = append(notes, sanitizeLine(f.Note))
	}
	if f.ReadOnly {
		notes = append(notes, "Read-only: set by the server and never sent in a request body.")
	}
	if f.WriteOnly {
		notes = append(notes, "Write-only: sent in requests, not returned.")
	}
	if len(notes) > 0 {
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, notes...)
	}
	if f.Deprecated {
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, "Deprecated: the spec marks this property as deprecated.")
	}
	return lines
}

// modelsJSONFile gives each struct the two methods that route encoding/json
// to the support code's codec (see templates/json.go), which reads each
// type's plan from its tags once: no per-field code is generated. MarshalJSON
// passes &s, so that the codec works on this copy rather than making another.
func modelsJSONFile(f *jen.File, structs []*model.Type) bool {
	for _, t := range structs {
		f.Add(comment(fmt.Sprintf("MarshalJSON encodes every field of %s that is set, readOnly ones included, "+
			"and the members kept from decoding.", t.GoName)))
		f.Func().Params(jen.Id("s").Id(t.GoName)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
			jen.Return(jen.Id("marshalValue").Call(jen.Op("&").Id("s"), jen.False())),
		)
		f.Line()
		f.Add(comment(fmt.Sprintf("UnmarshalJSON decodes %s. A member its field cannot hold is kept, not an error "+
			"(see InvalidFields), and so is a member the spec does not list (see UnknownFields).", t.GoName)))
		f.Func().Params(jen.Id("s").Op("*").Id(t.GoName)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
			jen.Return(jen.Id("decodeStruct").Call(jen.Id("data"), jen.Id("s"))),
		)
		f.Line()
	}
	return len(structs) > 0
}

// jsonTagName reports whether name can be written as the name of a json
// struct tag: encoding/json accepts letters, digits and these punctuation
// characters. A comma would start the options, "-" means no member, and a
// quote or backslash is not a tag name to encoding/json.
func jsonTagName(name string) bool {
	if name == "" || name == "-" {
		return false
	}
	for _, c := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case unicode.IsLetter(c) || unicode.IsDigit(c):
		default:
			return false
		}
	}
	return !strings.Contains(name, "%")
}

// escapeName percent-encodes the bytes of a member name that the tag's
// option syntax (a comma), or a reader of the tag, would misread.
func escapeName(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c < 0x20 || c >= 0x7f || strings.IndexByte("%,\"`", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// subtypeMethods gives a struct with a discriminator of its own (Pet, which
// Cat and Dog extend with allOf) one method per subtype: AsCat decodes the
// struct's JSON, members kept from decoding included, as a Cat when the
// discriminator says so. A method that would share a field's name is left
// out.
func subtypeMethods(f *jen.File, t *model.Type) {
	if t.Discriminator == nil || len(t.Subtypes) == 0 {
		return
	}
	fields := map[string]bool{}
	for _, fd := range t.Fields {
		fields[fd.GoName] = true
	}
	seen := map[string]bool{}
	for _, v := range t.Subtypes {
		name := "As" + v.Type.GoName
		if fields[name] || seen[name] {
			continue
		}
		seen[name] = true
		tags := make([]jen.Code, 0, len(v.Tags))
		quoted := make([]string, 0, len(v.Tags))
		for _, tag := range v.Tags {
			tags = append(tags, jen.Lit(tag))
			quoted = append(quoted, strconv.Quote(tag))
		}
		f.Add(comment(fmt.Sprintf("%s returns the %s as a %s, and whether it is one: its %q is %s.",
			name, t.GoName, v.Type.GoName, t.Discriminator.Property, strings.Join(quoted, " or "))))
		f.Func().Params(jen.Id("s").Id(t.GoName)).Id(name).Params().Params(jen.Id(v.Type.GoName), jen.Bool()).Block(
			jen.Var().Id("v").Id(v.Type.GoName),
			jen.Id("ok").Op(":=").Id("asSubtype").Call(append([]jen.Code{jen.Id("s"), jen.Lit(t.Discriminator.Property), jen.Op("&").Id("v")}, tags...)...),
			jen.Return(jen.Id("v"), jen.Id("ok")),
		)
		f.Line()
	}
}
