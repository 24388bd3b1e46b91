package emit

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// exampleFile declares one Example function per client method (go doc shows
// it under the method): a call whose arguments come from the spec's
// examples, as far as they are scalars a reader can take in at a glance.
// Nothing else is filled in. The functions have no "// Output:" comment, so
// go test compiles them but never runs them: they would call the API.
//
// The file is in the package itself, not in package <name>_test, because
// an external test package has to import the package by its import path,
// which only the module around the output knows.
func exampleFile(f *jen.File, api *model.API, opts Options) bool {
	declared := false
	var visit func(s *model.Service)
	visit = func(s *model.Service) {
		for _, op := range s.Operations {
			// Example<Type>_<Method> cannot name a method with an
			// underscore (a reserved name renamed ReadFrom_): go vet
			// would read what follows it as the example's suffix.
			if strings.Contains(op.GoName, "_") || strings.Contains(s.TypeName, "_") {
				continue
			}
			exampleFunc(f, s, op, opts)
			declared = true
		}
		for _, sub := range s.Subs {
			visit(sub)
		}
	}
	for _, s := range clientServices(api) {
		visit(s)
	}
	return declared
}

// exampleFunc declares ExampleXxxService_Method, the name go vet and go doc
// tie to the method.
func exampleFunc(f *jen.File, s *model.Service, op *model.Operation, opts Options) {
	taken := locals()
	for _, n := range []string{"client", "log", "os", "ctx"} {
		taken[n] = true
	}
	var pre []jen.Code // declarations of arguments that have no literal
	args := []jen.Code{jen.Qual("context", "TODO").Call()}
	for _, p := range op.Params {
		if p.In != model.InPath {
			continue
		}
		if lit := scalarLiteral(p.Type, paramExample(p)); lit != nil {
			args = append(args, lit)
			continue
		}
		if r := p.Type.Resolved(); r != nil && r.Kind == model.KindString && isBuiltinScalar(goType(p.Type)) {
			args = append(args, jen.Lit(p.Name)) // a placeholder that says what goes there
			continue
		}
		local := localName(p.Name, taken)
		pre = append(pre, jen.Var().Id(local).Add(goType(p.Type)))
		args = append(args, jen.Id(local))
	}
	if op.ParamsType != "" {
		args = append(args, jen.Id(op.ParamsType).Values(paramsValues(op)))
	}
	if b := methodBody(op); b != nil {
		args = append(args, exampleBody(b, op.Body.Required, taken, &pre))
	}
	call := jen.Id("client").Dot(s.Path()).Dot(op.GoName).Call(args...)

	f.Func().Id("Example" + s.TypeName + "_" + op.GoName).Params().BlockFunc(func(g *jen.Group) {
		if opts.EnvPrefix != "" {
			g.Comment(fmt.Sprintf("NewClient reads the API key from $%s_API_KEY.", strings.ToUpper(opts.EnvPrefix)))
		}
		g.Id("client").Op(":=").Id("NewClient").Call()
		for _, d := range pre {
			g.Add(d)
		}
		if methodResult(op).typ == nil && methodResult(op).events == nil {
			g.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(jen.Qual("log", "Fatal").Call(jen.Err()))
			return
		}
		g.List(jen.Id("res"), jen.Err()).Op(":=").Add(call)
		g.If(jen.Err().Op("!=").Nil()).Block(jen.Qual("log", "Fatal").Call(jen.Err()))
		g.Qual("fmt", "Println").Call(jen.Id("res"))
	})
	f.Line()
}

// paramExample is the first example of p: its own, or its schema's.
func paramExample(p *model.Param) string {
	if p.Example != nil {
		return p.Example.JSON
	}
	if len(p.Examples) > 0 && p.Examples[0].Value != nil {
		return p.Examples[0].Value.JSON
	}
	if t := p.Type; t != nil && t.HasExample() {
		return model.ExampleJSON(t)
	}
	return ""
}

// paramsValues are the fields of the parameters struct that have an
// example a literal can say.
func paramsValues(op *model.Operation) jen.Dict {
	d := jen.Dict{}
	for _, p := range op.Params {
		if p.In == model.InPath {
			continue
		}
		field := &model.Field{Type: p.Type, Required: p.Required, Nullable: p.Nullable}
		if v := fieldLiteral(field, paramExample(p)); v != nil {
			d[jen.Id(p.GoName)] = v
		}
	}
	return d
}

// exampleBody is the body argument: a composite literal of the body's
// struct with its scalar fields from the example, or nothing for an
// optional body the example cannot fill.
func exampleBody(b *body, required bool, taken map[string]bool, pre *[]jen.Code) jen.Code {
	example := ""
	if len(b.content.Examples) > 0 && b.content.Examples[0].Value != nil {
		example = b.content.Examples[0].Value.JSON
	} else if b.content.Type != nil {
		example = model.ExampleJSON(b.content.Type)
	}
	switch b.kind {
	case "raw":
		if !required {
			return jen.Nil()
		}
		return jen.Qual("strings", "NewReader").Call(jen.Lit(""))
	case "text":
		var s string
		if json.Unmarshal([]byte(example), &s) != nil {
			s = ""
		}
		return jen.Lit(s)
	}
	if t := b.content.Type.Resolved(); t != nil && t.Kind == model.KindStruct && !t.Tuple {
		lit := goType(b.content.Type).Values(structValues(t, example))
		if !required && b.optional() == "pointer" {
			return jen.Op("&").Add(lit)
		}
		return lit
	}
	if !required {
		return jen.Nil() // a nil pointer, slice or map sends nothing
	}
	local := localName("body", taken)
	*pre = append(*pre, jen.Var().Id(local).Add(b.goType(true)))
	return jen.Id(local)
}

// structValues are the fields of struct t whose member in the example JSON
// is a scalar, in field order; readOnly fields are never sent.
func structValues(t *model.Type, example string) jen.Dict {
	d := jen.Dict{}
	var members map[string]json.RawMessage
	if json.Unmarshal([]byte(example), &members) != nil {
		return d
	}
	for _, f := range t.Fields {
		raw, ok := members[f.Name]
		if !ok || f.ReadOnly || f.Indirect || f.GoName == "" {
			continue
		}
		if v := fieldLiteral(f, string(raw)); v != nil {
			d[jen.Id(f.GoName)] = v
		}
	}
	return d
}

// fieldLiteral is a value of f's Go type (T, Opt[T] or Nullable[T]) for the
// example JSON, or nil when the example is no scalar of T.
func fieldLiteral(f *model.Field, example string) *jen.Statement {
	lit := scalarLiteral(f.Type, example)
	if lit == nil {
		return nil
	}
	wrap := func(name string) *jen.Statement {
		// An untyped string or bool constant infers the type argument; a
		// number or an enum needs it said.
		if n := goTypeName(f.Type); n == "string" || n == "bool" {
			return jen.Id(name).Call(lit)
		}
		return jen.Id(name).Types(goType(f.Type)).Call(lit)
	}
	switch {
	case isAny(f.Type):
		return nil
	case f.Nullable:
		return wrap("Value")
	case f.Required:
		return lit
	}
	return wrap("Some")
}

// scalarLiteral is an untyped constant for the example JSON that a value of
// t's Go type can hold: a string, number or boolean for a Go string,
// integer, float or bool (or an enum of one). nil otherwise.
func scalarLiteral(t *model.Type, example string) *jen.Statement {
	r := t.Resolved()
	if r == nil || example == "" {
		return nil
	}
	kind := r.Kind
	if kind == model.KindEnum {
		kind = r.Base
	} else if !isBuiltinScalar(goType(t)) {
		return nil // time.Time, []byte, a file, ...
	}
	dec := json.NewDecoder(strings.NewReader(example))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil
	}
	switch x := v.(type) {
	case string:
		if kind == model.KindString {
			return jen.Lit(x)
		}
	case bool:
		if kind == model.KindBoolean {
			return jen.Lit(x)
		}
	case json.Number:
		switch kind {
		case model.KindInteger:
			if n, err := strconv.ParseInt(string(x), 10, 64); err == nil && (goTypeName(t) != "int32" || int64(int32(n)) == n) {
				return jen.Lit(int(n))
			}
		case model.KindNumber:
			if n, err := strconv.ParseFloat(string(x), 64); err == nil {
				// A float32 gets only a value it holds unrounded (beyond
				// its range the constant would not even compile).
				if r.Float32 && strconv.FormatFloat(float64(float32(n)), 'g', -1, 32) != strconv.FormatFloat(n, 'g', -1, 64) {
					return nil
				}
				return jen.Op(strconv.FormatFloat(n, 'g', -1, 64))
			}
		}
	}
	return nil
}

func goTypeName(t *model.Type) string { return fmt.Sprintf("%#v", goType(t)) }

// isBuiltinScalar reports whether typ is one of Go's string, integer,
// float or bool types.
func isBuiltinScalar(typ *jen.Statement) bool {
	switch fmt.Sprintf("%#v", typ) {
	case "string", "bool", "int", "int32", "int64", "float32", "float64":
		return true
	}
	return false
}
