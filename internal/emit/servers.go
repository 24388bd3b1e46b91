package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// serverDecls declares each server's URL: a constant for a server without
// variables, else a function of them, with a string type and constants for
// each variable with an enum.
func serverDecls(f *jen.File, api *model.API) {
	for i := range api.Servers {
		s := &api.Servers[i]
		if s.GoName == "" {
			continue
		}
		f.Line()
		which := fmt.Sprintf("server %d of the spec", i+1)
		desc := docLines(s.Description, docWidth)
		if len(desc) == 1 {
			which = fmt.Sprintf("the server %q (%s)", strings.TrimRight(desc[0], "."), which)
			desc = nil
		}
		if i == 0 {
			which += ", the default"
		}
		var used []*model.ServerVariable
		for j := range s.Variables {
			if s.Variables[j].Param != "" {
				used = append(used, &s.Variables[j])
			}
		}
		if len(used) == 0 {
			lines := []string{fmt.Sprintf("%s is the URL of %s.", s.GoName, which)}
			if len(desc) > 0 {
				lines = append(lines, "")
				lines = append(lines, desc...)
			}
			f.Add(comment(lines...))
			f.Const().Id(s.GoName).Op("=").Lit(serverURL(*s))
			continue
		}
		for _, v := range used {
			if v.TypeName != "" {
				serverEnum(f, s, v)
			}
		}
		lines := []string{fmt.Sprintf("%s returns the URL of %s, %s, with its variables set. Each value is percent-encoded but for letters, digits and -._~, so that it stays in its place: it cannot add a host, a port or a path segment.", s.GoName, which, sanitizeLine(s.URL))}
		if len(desc) > 0 {
			lines = append(lines, "")
			lines = append(lines, desc...)
		}
		lines = append(lines, "")
		var args []jen.Code
		for _, v := range used {
			l := fmt.Sprintf("%s is the variable %q, by default %q", v.Param, sanitizeLine(v.Name), sanitizeLine(v.Default))
			if k := enumIndex(v); k >= 0 {
				l += fmt.Sprintf(" (%s)", v.Consts[k])
			}
			l += "."
			d := docLines(v.Description, docWidth)
			if len(d) == 1 {
				l += " " + d[0]
				d = nil
			}
			lines = append(lines, l)
			lines = append(lines, d...)
			t := jen.String()
			if v.TypeName != "" {
				t = jen.Id(v.TypeName)
			}
			args = append(args, jen.Id(v.Param).Add(t))
		}
		f.Add(comment(lines...))
		f.Func().Id(s.GoName).Params(args...).String().Block(jen.Return(serverExpr(s, used)))
	}
}

// enumIndex is the index of a variable's default in its enum, or -1.
func enumIndex(v *model.ServerVariable) int {
	for i, e := range v.Enum {
		if e == v.Default {
			return i
		}
	}
	return -1
}

// serverEnum declares the type and constants of an enum variable.
func serverEnum(f *jen.File, s *model.Server, v *model.ServerVariable) {
	lines := []string{fmt.Sprintf("%s is a value of the variable %q of %s.", v.TypeName, sanitizeLine(v.Name), s.GoName)}
	if d := docLines(v.Description, docWidth); len(d) > 0 {
		lines = append(lines, "")
		lines = append(lines, d...)
	}
	f.Add(comment(lines...))
	f.Type().Id(v.TypeName).String()
	f.Line()
	f.Add(comment(fmt.Sprintf("The values the spec lists for %s.", v.TypeName)))
	f.Const().DefsFunc(func(g *jen.Group) {
		for i, e := range v.Enum {
			g.Id(v.Consts[i]).Id(v.TypeName).Op("=").Lit(e)
		}
	})
	f.Line()
}

// serverExpr concatenates a server URL's text with its escaped variables.
func serverExpr(s *model.Server, used []*model.ServerVariable) *jen.Statement {
	params := map[string]*model.ServerVariable{}
	for _, v := range used {
		params[v.Name] = v
	}
	var parts []jen.Code
	lit := ""
	rest := s.URL
	for rest != "" {
		i := strings.IndexByte(rest, '{')
		j := strings.IndexByte(rest[max(i, 0):], '}')
		if i < 0 || j < 0 {
			lit += rest
			break
		}
		name := rest[i+1 : i+j]
		v := params[name]
		if v == nil {
			lit += rest[:i+j+1]
			rest = rest[i+j+1:]
			continue
		}
		lit += rest[:i]
		if lit != "" {
			parts = append(parts, jen.Lit(lit))
			lit = ""
		}
		arg := jen.Id(v.Param)
		if v.TypeName != "" {
			arg = jen.String().Call(jen.Id(v.Param))
		}
		parts = append(parts, jen.Id("serverVar").Call(arg))
		rest = rest[i+j+1:]
	}
	if lit != "" {
		parts = append(parts, jen.Lit(lit))
	}
	expr := jen.Null()
	for i, p := range parts {
		if i > 0 {
			expr.Op("+")
		}
		expr.Add(p)
	}
	return expr
}
