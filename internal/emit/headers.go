package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// headersStruct declares an operation's <Operation>ResponseHeaders: one field
// per header its success responses declare, and readHeaders, which only the
// support code's WithResponseHeaders calls.
func headersStruct(f *jen.File, s *model.Service, op *model.Operation) {
	name := op.HeadersType
	f.Add(comment(
		fmt.Sprintf("%s holds the headers that the success responses of %s.%s declare. "+
			"Pass WithResponseHeaders(&h) to the call to fill it.", name, s.Path(), op.GoName),
		"",
		"A header that is missing, or that does not parse as its type, leaves its",
		"field unset (a required one at its zero value); Err says which and why, and",
		"Raw holds every header as received.",
	))
	f.Type().Id(name).StructFunc(func(g *jen.Group) {
		for i, h := range op.ResponseHeaders {
			if i > 0 {
				g.Line()
			}
			lines := docLines(h.Description, fieldDocWidth)
			if len(lines) > 0 {
				lines = append(lines, "")
			}
			where := fmt.Sprintf("The response header %q", h.Name)
			if h.Required {
				where += ", required"
			}
			lines = append(lines, where+".")
			if h.Deprecated {
				lines = append(lines, "", "Deprecated: the spec marks this header as deprecated.")
			}
			g.Add(fieldComment(lines...))
			g.Id(h.GoName).Add(headerType(h))
		}
		g.Line()
		g.Id("responseHeaderState")
	})
	f.Line()
	f.Func().Params(jen.Id("h").Op("*").Id(name)).Id("readHeaders").Params(jen.Id("raw").Qual("net/http", "Header")).BlockFunc(func(g *jen.Group) {
		g.If(jen.Id("h").Op("==").Nil()).Block(jen.Return())
		g.Op("*").Id("h").Op("=").Id(name).Values()
		g.Id("h").Dot("raw").Op("=").Id("raw")
		for _, h := range op.ResponseHeaders {
			if h.Required {
				g.Id("h").Dot("readHeader").Call(jen.Lit(h.Name), jen.True(), jen.Op("&").Id("h").Dot(h.GoName))
				continue
			}
			g.Id("h").Dot(h.GoName).Dot("Set").Op("=").Id("h").Dot("readHeader").Call(jen.Lit(h.Name), jen.False(), jen.Op("&").Id("h").Dot(h.GoName).Dot("Value"))
		}
	})
	f.Line()
}

// headerType is T for a required header, Opt[T] for the others.
func headerType(h *model.Header) *jen.Statement {
	t := goType(h.Type)
	if h.Required {
		return t
	}
	return jen.Id("Opt").Types(t)
}
