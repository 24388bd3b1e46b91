package emit

import (
	"fmt"
	"sort"

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

// typeDoc is the doc comment of a named type: what it is in the spec, then
// the spec's own words.
func typeDoc(t *model.Type, what string) jen.Code {
	first := fmt.Sprintf("%s is %s %s.", t.GoName, what, sanitizeLine(t.Pointer))
	lines := []string{first}
	if t.Title != "" && t.Title != t.Component {
		lines = append(lines, "", sanitizeLine(t.Title))
	}
	if d := docLines(t.Description); len(d) > 0 {
		lines = append(lines, "")
		lines = append(lines, d...)
	}
	if t.Usage != "" {
		lines = append(lines, "", sanitizeLine(t.Usage))
	}
	if t.Fallback != "" {
		lines = append(lines, "", "The spec's schema could not be typed faithfully: "+sanitizeLine(t.Fallback)+".")
	}
	if t.Deprecated {
		lines = append(lines, "", "Deprecated: the spec marks this schema as deprecated.")
	}
	return comment(lines...)
}

// modelKinds are the kinds declared in the models files.
var modelKinds = []model.Kind{model.KindStruct, model.KindAlias, model.KindAny, model.KindString,
	model.KindInteger, model.KindNumber, model.KindBoolean, model.KindArray, model.KindMap}

func modelsFile(f *jen.File, types []*model.Type) bool {
	for _, t := range types {
		if t.Kind == model.KindStruct {
			f.Add(typeDoc(t, "the object"))
			f.Type().Id(t.GoName).Struct(structFields(t)...)
			f.Line()
			continue
		}
		// Other named schemas are aliases: values convert freely and need
		// no methods of their own.
		f.Add(typeDoc(t, "the schema"))
		f.Type().Id(t.GoName).Op("=").Add(underlying(t))
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
			fields = append(fields, comment(doc...))
		}
		tags := map[string]string{"json": fd.Name}
		if fieldWrapped(fd) && !fd.Required {
			tags["json"] += ",omitzero"
		}
		if fd.ReadOnly {
			tags["oagen"] = "readonly"
		}
		fields = append(fields, jen.Id(fd.GoName).Add(fieldType(fd)).Tag(tags))
	}
	if len(fields) > 0 {
		fields = append(fields, jen.Line())
	}
	fields = append(fields, jen.Id("kept").Id("keptFields"))
	return fields
}

func fieldDoc(f *model.Field) []string {
	lines := docLines(f.Description)
	var notes []string
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
// to the support code's reflection-based codec (see templates/json.go): the
// fields are described by their tags, so no per-field code is generated.
func modelsJSONFile(f *jen.File, structs []*model.Type) bool {
	for _, t := range structs {
		f.Comment(fmt.Sprintf("MarshalJSON encodes every field of %s that is set, readOnly ones included,", t.GoName))
		f.Comment("and the members kept from decoding.")
		f.Func().Params(jen.Id("s").Id(t.GoName)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
			jen.Return(jen.Id("marshalValue").Call(jen.Id("s"), jen.False())),
		)
		f.Line()
		f.Comment(fmt.Sprintf("UnmarshalJSON decodes %s. A member its field cannot hold is kept, not an error", t.GoName))
		f.Comment("(see InvalidFields), and so is a member the spec does not list (see UnknownFields).")
		f.Func().Params(jen.Id("s").Op("*").Id(t.GoName)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
			jen.Return(jen.Id("decodeStruct").Call(jen.Id("data"), jen.Id("s"), jen.Op("&").Id("s").Dot("kept"))),
		)
		f.Line()
	}
	return len(structs) > 0
}
