package emit

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// enumsFile declares each enum as a named type with one constant per value
// and an IsKnown method. The type is open: any value of the base type
// decodes, so a value the server adds later does not break an old client.
func enumsFile(f *jen.File, enums []*model.Type) bool {
	for _, t := range enums {
		f.Add(typeDoc(t, "the enum"))
		f.Type().Id(t.GoName).Add(baseType(t))
		f.Line()
		f.Add(comment(fmt.Sprintf("Values of %s known when the client was generated.", t.GoName)))
		f.Const().DefsFunc(func(g *jen.Group) {
			for _, v := range t.Values {
				g.Id(v.GoName).Id(t.GoName).Op("=").Add(enumLit(t, v.Value))
			}
		})
		f.Line()
		f.Add(comment("IsKnown reports whether v is one of the values the spec listed when the client was generated."))
		f.Func().Params(jen.Id("v").Id(t.GoName)).Id("IsKnown").Params().Bool().Block(
			jen.Switch(jen.Id("v")).Block(
				jen.CaseFunc(func(g *jen.Group) {
					for _, v := range t.Values {
						g.Id(v.GoName)
					}
				}).Block(jen.Return(jen.True())),
			),
			jen.Return(jen.False()),
		)
		f.Line()
	}
	return len(enums) > 0
}

// enumLit is the Go literal of an enum value, from its JSON text.
func enumLit(t *model.Type, v *model.Value) jen.Code {
	switch t.Base {
	case model.KindString:
		var s string
		if err := json.Unmarshal([]byte(v.JSON), &s); err != nil {
			s = v.JSON
		}
		return jen.Lit(s)
	case model.KindBoolean:
		return jen.Lit(v.JSON == "true")
	case model.KindInteger:
		if n, err := strconv.ParseInt(v.JSON, 10, 64); err == nil {
			return jen.Lit(int(n))
		}
	case model.KindNumber:
		if n, err := strconv.ParseFloat(v.JSON, 64); err == nil {
			return jen.Lit(n)
		}
	}
	// A number written in a form Go does not take as is (1e400): a
	// compile-time error would be worse than a string of digits.
	return jen.Op(v.JSON)
}
