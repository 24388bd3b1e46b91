package emit

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// unionsFile declares each oneOf/anyOf as a struct that holds either the
// variant the caller chose or the raw JSON it was decoded from. Decoding
// never fails on a valid JSON value, and re-encoding writes the same JSON
// back, so a variant the spec does not list is not lost.
func unionsFile(f *jen.File, unions []*model.Type) bool {
	for _, t := range unions {
		what := "the union (anyOf)"
		if t.Exclusive {
			what = "the union (oneOf)"
		}
		f.Add(typeDoc(t, what, fmt.Sprintf("Make one with %s; read one with %s.", variantList(t, true), variantList(t, false))))
		f.Type().Id(t.GoName).Struct(
			jen.Id("value").Any().Comment("the variant set by a constructor, or nil"),
			jen.Id("raw").Qual("encoding/json", "RawMessage").Comment("the JSON the union was decoded from"),
		)
		f.Line()
		for i, v := range t.Variants {
			vt := goType(v.Type)
			doc := fmt.Sprintf("%s returns the %s holding v.", v.Constructor, t.GoName)
			field, tag := v.DiscriminatorTag(t.Discriminator)
			if field != nil {
				doc += fmt.Sprintf(" It sets v.%s, the discriminator, to %q when it is unset.", field.GoName, tag)
			}
			f.Add(comment(doc))
			f.Func().Id(v.Constructor).Params(jen.Id("v").Add(vt.Clone())).Id(t.GoName).BlockFunc(func(g *jen.Group) {
				if field != nil {
					g.Add(setTag(field, tag))
				}
				g.Return(jen.Id(t.GoName).Values(jen.Dict{jen.Id("value"): jen.Id("v")}))
			})
			f.Line()
			f.Add(comment(fmt.Sprintf("As%s returns the value as %s, and whether it is one.", v.GoName, typeWords(v.Type))))
			f.Func().Params(jen.Id("u").Id(t.GoName)).Id("As"+v.GoName).Params().Params(vt.Clone(), jen.Bool()).Block(
				jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("u").Dot("value").Assert(vt.Clone()), jen.Id("ok")).Block(
					jen.Return(jen.Id("v"), jen.True()),
				),
				jen.Var().Id("v").Add(vt.Clone()),
				jen.If(jen.Id("u").Dot("value").Op("!=").Nil().Op("||").Id("u").Dot("which").Call().Op("!=").Lit(i)).Block(
					jen.Return(jen.Id("v"), jen.False()),
				),
				jen.Return(jen.Id("v"), jen.Id("decodeValue").Call(jen.Id("u").Dot("raw"), jen.Op("&").Id("v")).Op("==").Nil()),
			)
			f.Line()
		}
		whichMethod(f, t)
		f.Comment("Raw returns the union's JSON: as decoded, or as the set variant encodes.")
		f.Func().Params(jen.Id("u").Id(t.GoName)).Id("Raw").Params().Qual("encoding/json", "RawMessage").Block(
			jen.If(jen.Id("u").Dot("value").Op("==").Nil()).Block(jen.Return(jen.Id("u").Dot("raw"))),
			jen.List(jen.Id("data"), jen.Id("_")).Op(":=").Id("marshalValue").Call(jen.Id("u"), jen.False()),
			jen.Return(jen.Id("data")),
		)
		f.Line()
		f.Comment("IsZero reports whether the union holds nothing.")
		f.Func().Params(jen.Id("u").Id(t.GoName)).Id("IsZero").Params().Bool().Block(
			jen.Return(jen.Id("u").Dot("value").Op("==").Nil().Op("&&").Id("u").Dot("raw").Op("==").Nil()),
		)
		f.Line()
		f.Comment("MarshalJSON encodes the set variant, or the JSON the union was decoded from.")
		f.Func().Params(jen.Id("u").Id(t.GoName)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
			jen.Return(jen.Id("marshalValue").Call(jen.Op("&").Id("u"), jen.False())),
		)
		f.Line()
		f.Func().Params(jen.Id("u").Id(t.GoName)).Id("encodeJSON").Params(jen.Id("e").Op("*").Id("encoder")).Block(
			jen.Switch().Block(
				jen.Case(jen.Id("u").Dot("value").Op("!=").Nil()).Block(jen.Id("e").Dot("value").Call(jen.Id("u").Dot("value"))),
				jen.Case(jen.Id("u").Dot("raw").Op("!=").Nil()).Block(jen.Id("e").Dot("raw").Call(jen.Id("u").Dot("raw"))),
				jen.Default().Block(jen.Id("e").Dot("null").Call()),
			),
		)
		f.Line()
		f.Comment("UnmarshalJSON keeps the JSON; the As methods decode it on demand.")
		f.Func().Params(jen.Id("u").Op("*").Id(t.GoName)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
			jen.Op("*").Id("u").Op("=").Id(t.GoName).Values(jen.Dict{
				jen.Id("raw"): jen.Append(jen.Qual("encoding/json", "RawMessage").Values(), jen.Id("data").Op("...")),
			}),
			jen.Return(jen.Nil()),
		)
		f.Line()
	}
	return len(unions) > 0
}

// setTag writes the statement that sets discriminator field f of the
// constructor's v to tag when the caller left it unset: the zero value for
// a required field, not Set for an Opt or Nullable one.
func setTag(f *model.Field, tag string) jen.Code {
	value := jen.Lit(tag)
	if et := f.Type.Resolved(); et.Kind == model.KindEnum {
		for _, ev := range et.Values {
			if jsonString(ev.Value.JSON) == tag {
				value = jen.Id(ev.GoName)
				break
			}
		}
	}
	target := jen.Id("v").Dot(f.GoName)
	switch {
	case f.Nullable:
		return jen.If(jen.Op("!").Add(target.Clone()).Dot("Set")).Block(
			target.Clone().Op("=").Id("Value").Types(goType(f.Type)).Call(value))
	case !f.Required:
		return jen.If(jen.Op("!").Add(target.Clone()).Dot("Set")).Block(
			target.Clone().Op("=").Id("Some").Types(goType(f.Type)).Call(value))
	}
	return jen.If(target.Clone().Op("==").Lit("")).Block(target.Clone().Op("=").Add(value))
}

// jsonString is the Go string a JSON string literal holds, or "".
func jsonString(lit string) string {
	var s string
	_ = json.Unmarshal([]byte(lit), &s)
	return s
}

// whichMethod writes which(): the index of the variant the decoded JSON is,
// by discriminator where the spec gives one and the value carries a known
// tag, else by shape (see bestFit in the support code); -1 for none.
func whichMethod(f *jen.File, t *model.Type) {
	f.Add(comment("which tells which variant the decoded JSON is: by discriminator, else by shape; -1 for none."))
	f.Func().Params(jen.Id("u").Id(t.GoName)).Id("which").Params().Int().BlockFunc(func(g *jen.Group) {
		g.If(jen.Id("u").Dot("raw").Op("==").Nil()).Block(jen.Return(jen.Lit(-1)))
		if d := t.Discriminator; d != nil {
			seen := map[string]bool{} // a tag mapped twice selects the first variant
			g.Switch(jen.List(jen.Id("tag"), jen.Id("_")).Op(":=").Id("discriminator").Call(jen.Id("u").Dot("raw"), jen.Lit(d.Property)), jen.Id("tag")).BlockFunc(func(sw *jen.Group) {
				for i, v := range t.Variants {
					var tags []jen.Code
					for _, tag := range v.Tags {
						if !seen[tag] {
							seen[tag] = true
							tags = append(tags, jen.Lit(tag))
						}
					}
					if len(tags) > 0 {
						sw.Case(tags...).Block(jen.Return(jen.Lit(i)))
					}
				}
			})
		}
		g.Return(jen.Id("bestFit").CallFunc(func(c *jen.Group) {
			c.Id("u").Dot("raw")
			for _, v := range t.Variants {
				c.Parens(jen.Op("*").Add(goType(v.Type))).Parens(jen.Nil())
			}
		}))
	})
	f.Line()
}

func variantList(t *model.Type, constructors bool) string {
	names := make([]string, len(t.Variants))
	for i, v := range t.Variants {
		if constructors {
			names[i] = v.Constructor
		} else {
			names[i] = "As" + v.GoName
		}
	}
	return strings.Join(names, ", ")
}

func typeWords(t *model.Type) string {
	if t.IsNamed() {
		return t.GoName
	}
	switch k := t.Kind.String(); k[0] {
	case 'a', 'e', 'i', 'o', 'u':
		return "an " + k
	default:
		return "a " + k
	}
}
