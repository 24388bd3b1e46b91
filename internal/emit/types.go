package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// goType is the Go type of a use of t: its name when it has one, else its
// structure.
func goType(t *model.Type) *jen.Statement {
	if t.IsNamed() {
		return jen.Id(t.GoName)
	}
	return underlying(t)
}

// underlying is the Go type that t stands for, ignoring its own name.
func underlying(t *model.Type) *jen.Statement {
	switch t.Kind {
	case model.KindString:
		switch t.Format {
		case "date-time":
			return jen.Qual("time", "Time")
		case "date":
			return jen.Id("Date")
		case "byte":
			return jen.Index().Byte()
		case "binary":
			if t.Upload {
				// A file of any size: a reader with a filename and a media
				// type, streamed into its part (templates/upload.go).
				return jen.Id("UploadFile")
			}
		}
		return jen.String()
	case model.KindInteger:
		if t.Format == "int32" {
			return jen.Int32()
		}
		return jen.Int64()
	case model.KindNumber:
		// format: float is a float64 too: a float32 rounds real values a
		// server sends (0.00743999984115362 came back as 0.00744), and
		// every value the spec allows must survive decode → encode. Only
		// oagen.yaml's formats asks for a float32; its decoder keeps a value
		// it would round raw (templates/jsondecode.go float32Exact).
		if t.Float32 {
			return jen.Float32()
		}
		return jen.Float64()
	case model.KindBoolean:
		return jen.Bool()
	case model.KindArray:
		return jen.Index().Add(elemType(t.Elem, t.ElemNullable))
	case model.KindMap:
		return jen.Map(jen.String()).Add(elemType(t.Elem, t.ElemNullable))
	case model.KindAlias:
		return goType(t.Target)
	case model.KindEnum:
		return baseType(t)
	}
	return jen.Any()
}

// elemType is the type of an array or map element; a nullable element is a
// Nullable, except where the element is already `any`, which holds nil.
func elemType(t *model.Type, nullable bool) *jen.Statement {
	if nullable && !isAny(t) {
		return jen.Id("Nullable").Types(goType(t))
	}
	return goType(t)
}

func isAny(t *model.Type) bool {
	t = t.Resolved()
	return t != nil && t.Kind == model.KindAny
}

// baseType is the Go type an enum is declared on.
func baseType(t *model.Type) *jen.Statement {
	switch t.Base {
	case model.KindInteger:
		if t.Format == "int32" {
			return jen.Int32()
		}
		return jen.Int64()
	case model.KindNumber:
		return jen.Float64()
	case model.KindBoolean:
		return jen.Bool()
	}
	return jen.String()
}

// fieldType is the Go type of a struct field. The idiom, used everywhere:
//   - required, not nullable: T, always sent;
//   - nullable (required or not): Nullable[T], which can say absent, null
//     or a value;
//   - optional, not nullable: Opt[T], which can say absent or a value, so a
//     false, 0 or "" that was set is sent.
//
// A field of any JSON value is `any` when required (nil is null) and
// Nullable[any] when optional.
//
// A field through which its struct contains itself (Field.Indirect) holds a
// pointer to the type: Opt[*Node].
func fieldType(f *model.Field) *jen.Statement {
	t := goType(f.Type)
	if f.Indirect {
		t = jen.Op("*").Add(t)
	}
	switch {
	case isAny(f.Type) && f.Required:
		return jen.Any()
	case f.Nullable || isAny(f.Type):
		return jen.Id("Nullable").Types(t)
	case f.Required:
		return t
	}
	return jen.Id("Opt").Types(t)
}

// fieldWrapped reports whether a field's type is Opt or Nullable.
func fieldWrapped(f *model.Field) bool {
	return !(isAny(f.Type) && f.Required) && (f.Nullable || !f.Required || isAny(f.Type))
}
