package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// pager writes the iterator of a page-numbered list: it calls the list
// method page after page with the caller's context, parameters and options,
// and yields every item.
func pager(f *jen.File, s *model.Service, op *model.Operation) {
	p := op.Pagination
	item := elemType(p.Items.Type.Resolved().Elem, p.Items.Type.Resolved().ElemNullable)
	taken := locals()
	var args, call []jen.Code
	args = append(args, jen.Id("ctx").Qual("context", "Context"))
	call = append(call, jen.Id("ctx"))
	for _, prm := range op.Params {
		if prm.In == model.InPath {
			local := localName(prm.Name, taken)
			args = append(args, jen.Id(local).Add(goType(prm.Type)))
			call = append(call, jen.Id(local))
		}
	}
	args = append(args, jen.Id("params").Id(op.ParamsType), jen.Id("opts").Op("...").Id("Option"))
	call = append(call, jen.Id("params"), jen.Id("opts").Op("..."))

	f.Add(comment(
		fmt.Sprintf("%s iterates over the results of %s on every page, from the page params", op.PagerName, op.GoName),
		"asks for (the first by default) to the last. Each page is fetched when the",
		"previous one is used up, with ctx and opts. The first error ends the iteration.",
		fmt.Sprintf("It ends without an error after an empty page or the last of %s; with", p.TotalPages.Name),
		"ErrRepeatedPage when a page repeats the one before, and with ErrPageLimit",
		"after the pages allowed by WithMaxPages (10,000 by default).",
	))
	f.Func().Params(jen.Id("s").Op("*").Id(s.TypeName)).Id(op.PagerName).Params(args...).
		Qual("iter", "Seq2").Types(item.Clone(), jen.Error()).BlockFunc(func(g *jen.Group) {
		// The first page.
		page := jen.Id("params").Dot(p.PageParam.GoName)
		number := page.Clone()
		if p.NumberField != nil {
			number = page.Clone().Dot("Value").Dot(p.NumberField.GoName)
		}
		g.Id("first").Op(":=").Lit(1)
		g.If(number.Clone().Dot("Set")).Block(jen.Id("first").Op("=").Int().Call(number.Clone().Dot("Value")))
		g.Return(jen.Id("paginate").Call(jen.Id("ctx"), jen.Id("s").Dot("core").Dot("maxPages").Call(jen.Id("opts")), jen.Id("first"),
			jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("page").Int()).
				Params(jen.Index().Add(item.Clone()), jen.Int(), jen.Error()).BlockFunc(func(b *jen.Group) {
				number := jen.Id("Some").Call(jen.Add(goType(numberType(p))).Call(jen.Id("page")))
				if p.NumberField == nil {
					b.Id("params").Dot(p.PageParam.GoName).Op("=").Add(number)
				} else {
					b.Id("pp").Op(":=").Id("params").Dot(p.PageParam.GoName).Dot("Value")
					b.Id("pp").Dot(p.NumberField.GoName).Op("=").Add(number)
					b.Id("params").Dot(p.PageParam.GoName).Op("=").Id("Some").Call(jen.Id("pp"))
				}
				b.List(jen.Id("res"), jen.Err()).Op(":=").Id("s").Dot(op.GoName).Call(call...)
				b.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Lit(0), jen.Err()))
				b.If(jen.Err().Op(":=").Id("checkPage").Call(jen.Id("res"), jen.Lit(p.Items.Name), jen.Lit(p.Meta.Name)), jen.Err().Op("!=").Nil()).Block(
					jen.Return(jen.Nil(), jen.Lit(0), jen.Err()),
				)
				b.Add(readField("items", jen.Id("res"), p.Items))
				b.Add(readField("meta", jen.Id("res"), p.Meta))
				b.Add(readField("total", jen.Id("meta"), p.TotalPages))
				b.Return(jen.Id("items"), jen.Int().Call(jen.Id("total")), jen.Nil())
			})))
	})
	f.Line()
}

func numberType(p *model.Pagination) *model.Type {
	if p.NumberField != nil {
		return p.NumberField.Type
	}
	return p.PageParam.Type
}

// readField reads field f of the struct in from into a new variable, the
// zero value when it is absent.
func readField(name string, from *jen.Statement, f *model.Field) jen.Code {
	v := jen.Add(from.Clone()).Dot(f.GoName)
	if fieldWrapped(f) {
		v = v.Dot("Value")
	}
	return jen.Id(name).Op(":=").Add(v)
}
