package emit

import (
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
		f.Add(typeDoc(t, what))
		f.Comment("")
		f.Comment(fmt.Sprintf("Make one with %s; read one with %s.", variantList(t, true), variantList(t, false)))
		f.Type().Id(t.GoName).Struct(
			jen.Id("value").Any().Comment("the variant set by a constructor, or nil"),
			jen.Id("raw").Qual("encoding/json", "RawMessage").Comment("the JSON the union was decoded from"),
		)
		f.Line()
		for _, v := range t.Variants {
			vt := goType(v.Type)
			f.Comment(fmt.Sprintf("%s returns a %s holding v.", v.Constructor, t.GoName))
			f.Func().Id(v.Constructor).Params(jen.Id("v").Add(vt.Clone())).Id(t.GoName).Block(
				jen.Return(jen.Id(t.GoName).Values(jen.Dict{jen.Id("value"): jen.Id("v")})),
			)
			f.Line()
			f.Comment(fmt.Sprintf("As%s returns the value as %s, and whether it is one.", v.GoName, typeWords(v.Type)))
			f.Func().Params(jen.Id("u").Id(t.GoName)).Id("As"+v.GoName).Params().Params(vt.Clone(), jen.Bool()).BlockFunc(func(g *jen.Group) {
				g.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("u").Dot("value").Assert(vt.Clone()), jen.Id("ok")).Block(
					jen.Return(jen.Id("v"), jen.True()),
				)
				g.Var().Id("v").Add(vt.Clone())
				cond := []jen.Code{jen.Id("u").Dot("raw").Op("==").Nil()}
				if k := shapeByte(v.Type); k != 0 {
					cond = append(cond, jen.Id("jsonKind").Call(jen.Id("u").Dot("raw")).Op("!=").LitRune(rune(k)))
				}
				g.If(joinOr(cond)).Block(jen.Return(jen.Id("v"), jen.False()))
				if t.Discriminator != nil && len(v.Tags) > 0 {
					g.Switch(jen.List(jen.Id("tag"), jen.Id("_")).Op(":=").Id("discriminator").Call(jen.Id("u").Dot("raw"), jen.Lit(t.Discriminator.Property)), jen.Id("tag")).Block(
						jen.CaseFunc(func(c *jen.Group) {
							for _, tag := range v.Tags {
								c.Lit(tag)
							}
						}),
						jen.Default().Block(jen.Return(jen.Id("v"), jen.False())),
					)
				}
				g.Return(jen.Id("v"), jen.Id("decodeValue").Call(jen.Id("u").Dot("raw"), jen.Op("&").Id("v")).Op("==").Nil())
			})
			f.Line()
		}
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
			jen.Return(jen.Id("marshalValue").Call(jen.Id("u"), jen.False())),
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

func joinOr(conds []jen.Code) *jen.Statement {
	s := jen.Add(conds[0])
	for _, c := range conds[1:] {
		s = s.Op("||").Add(c)
	}
	return s
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

// shapeByte is the first byte the JSON of a variant must start with (as
// jsonKind reports it), or 0 when any shape may fit.
func shapeByte(t *model.Type) byte {
	for i := 0; t != nil && t.Kind == model.KindAlias && i < 100; i++ {
		t = t.Target
	}
	if t == nil {
		return 0
	}
	switch t.Kind {
	case model.KindStruct, model.KindMap:
		return '{'
	case model.KindArray:
		return '['
	case model.KindString:
		return '"'
	case model.KindInteger, model.KindNumber:
		return '0'
	case model.KindBoolean:
		return 't'
	case model.KindEnum:
		switch t.Base {
		case model.KindString:
			return '"'
		case model.KindBoolean:
			return 't'
		}
		return '0'
	}
	return 0
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
