package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// pagerLocals are the names the iterator's body uses; path parameters get
// other names.
var pagerLocals = []string{"first", "at", "p", "pp", "items", "next", "more", "total", "h", "hm"}

// pager writes the iterator of a list operation: it calls the list method
// page after page with the caller's context, parameters and options, and
// yields every item. How it reaches the next page is the model's
// Pagination.Scheme.
func pager(f *jen.File, s *model.Service, op *model.Operation) {
	p := op.Pagination
	elem, nullable := pageItemType(p)
	item := elemType(elem, nullable)
	taken := locals()
	for _, n := range pagerLocals {
		taken[n] = true
	}
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
	if op.ParamsType != "" {
		args = append(args, jen.Id("params").Id(op.ParamsType))
	}
	args = append(args, jen.Id("opts").Op("...").Id("Option"))

	f.Add(comment(pagerDoc(op)...))
	f.Func().Params(jen.Id("s").Op("*").Id(s.TypeName)).Id(op.PagerName).Params(args...).
		Qual("iter", "Seq2").Types(item.Clone(), jen.Error()).BlockFunc(func(g *jen.Group) {
		if p.Scheme == model.PageNumber {
			pageNumberBody(g, s, op, item, call)
			return
		}
		keyedBody(g, op, item, call)
	})
	f.Line()
}

// pageItemType is the element type of the items array.
func pageItemType(p *model.Pagination) (*model.Type, bool) {
	arr := p.Response
	if len(p.Items) > 0 {
		arr = p.Items[len(p.Items)-1].Type
	}
	a := arr.Resolved()
	return a.Elem, a.ElemNullable
}

func pagerDoc(op *model.Operation) []string {
	p := op.Pagination
	lines := []string{fmt.Sprintf("%s iterates over the results of %s on every page, from the one params asks for on.", op.PagerName, op.GoName),
		"Each page is fetched when the previous one is used up, with ctx and opts. The first error ends the iteration."}
	if op.ParamsType == "" {
		lines[0] = fmt.Sprintf("%s iterates over the results of %s on every page.", op.PagerName, op.GoName)
	}
	var how string
	ends := []string{"after an empty page"}
	switch p.Scheme {
	case model.PageNumber:
		how = fmt.Sprintf("It sends page numbers in the query parameter %s.", paramName(p))
		if p.Total != nil {
			ends = append(ends, "after the last of "+p.Total.String())
		}
	case model.PageOffset:
		how = fmt.Sprintf("It advances the query parameter %s by the number of items of each page.", paramName(p))
		if p.Total != nil {
			ends = append(ends, "at "+p.Total.String()+" items")
		}
	case model.PageCursor:
		if p.ItemID != nil {
			how = fmt.Sprintf("It sends the %s of each page's last item in the query parameter %s for the next.", p.ItemID.Name, paramName(p))
		} else {
			how = fmt.Sprintf("It sends each page's %s in the query parameter %s for the next.", p.Next.String(), paramName(p))
			ends = append(ends, "when "+p.Next.String()+" is empty")
		}
	case model.PageNextURL:
		how = fmt.Sprintf("It fetches the next page from the URL in %s, only on the origin of the base URL (ErrForeignPage otherwise).", p.Next.String())
		ends = append(ends, "when "+p.Next.String()+" is empty")
	case model.PageLinkHeader:
		how = `It fetches the next page from the URL of the Link header with rel="next", only on the origin of the base URL (ErrForeignPage otherwise).`
		ends = append(ends, "when the header names no next page")
	}
	if p.HasMore != nil {
		ends = append(ends, "when "+p.HasMore.String()+" is false")
	}
	list := strings.Join(ends, ", ")
	if i := strings.LastIndex(list, ", "); i >= 0 {
		list = list[:i] + " or " + list[i+2:]
	}
	lines = append(lines, how, "It ends without an error "+list+"; with ErrRepeatedPage when a page repeats the one before, and with ErrPageLimit after the pages allowed by WithMaxPages (10,000 by default).")
	return []string{strings.Join(lines, " ")}
}

func paramName(p *model.Pagination) string {
	if p.NumberField != nil {
		return p.PageParam.Name + "[" + p.NumberField.Name + "]"
	}
	return p.PageParam.Name
}

// pageNumberBody iterates with paginate: page numbers from the one params
// asks for (the first by default).
func pageNumberBody(g *jen.Group, s *model.Service, op *model.Operation, item *jen.Statement, call []jen.Code) {
	p := op.Pagination
	g.Id("first").Op(":=").Lit(1)
	if set, value := paramIsSet(jen.Id("params"), p); set != nil {
		g.If(set).Block(jen.Id("first").Op("=").Int().Call(value))
	} else {
		g.Id("first").Op("=").Int().Call(value)
	}
	g.Return(jen.Id("paginate").Call(jen.Id("ctx"), jen.Id("s").Dot("core").Dot("maxPages").Call(jen.Id("opts")), jen.Id("first"),
		jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("page").Int()).
			Params(jen.Index().Add(item.Clone()), jen.Int(), jen.Error()).BlockFunc(func(b *jen.Group) {
			setParam(b, jen.Id("params"), p, jen.Add(goType(numberType(p))).Call(jen.Id("page")))
			fetchPage(b, op, jen.Id("params"), jen.Id("opts"), call, jen.Nil(), jen.Lit(0))
			b.Id("items").Op(":=").Add(itemsOf(p))
			if p.Total != nil {
				b.Id("total").Op(":=").Int().Call(value(jen.Id("res"), p.Total))
			} else {
				b.Id("total").Op(":=").Lit(0)
			}
			if p.HasMore != nil {
				b.If(noMore(p.HasMore)...).Block(jen.Id("total").Op("=").Id("page"))
			}
			b.Return(jen.Id("items"), jen.Id("total"), jen.Nil())
		})))
}

// keyedBody iterates with paginateBy, for offsets, cursors and URLs.
func keyedBody(g *jen.Group, op *model.Operation, item *jen.Statement, call []jen.Code) {
	p := op.Pagination
	key := jen.String()
	var zero jen.Code = jen.Lit("")
	if p.PageParam != nil {
		key = goType(numberType(p))
		if isIntegerType(numberType(p)) {
			zero = jen.Lit(0)
		}
	}
	byURL := p.Scheme == model.PageNextURL || p.Scheme == model.PageLinkHeader
	if byURL {
		g.Id("first").Op(":=").Lit("")
	} else {
		g.Var().Id("first").Add(key.Clone())
		if set, value := paramIsSet(jen.Id("params"), p); set != nil {
			g.If(set).Block(jen.Id("first").Op("=").Add(value))
		} else {
			g.Id("first").Op("=").Add(value)
		}
	}
	g.Return(jen.Id("paginateBy").Call(jen.Id("ctx"), jen.Id("s").Dot("core").Dot("maxPages").Call(jen.Id("opts")), jen.Id("first"),
		jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("at").Add(key.Clone())).
			Params(jen.Index().Add(item.Clone()), key.Clone(), jen.Bool(), jen.Error()).BlockFunc(func(b *jen.Group) {
			params := jen.Id("params")
			opts := jen.Id("opts")
			switch {
			case p.Scheme == model.PageLinkHeader:
				b.Var().Id("h").Qual("net/http", "Header")
				opts = jen.Id("pageOptions").Call(jen.Id("opts"), jen.Id("at"), jen.Op("&").Id("h"))
			case byURL:
				opts = jen.Id("pageOptions").Call(jen.Id("opts"), jen.Id("at"), jen.Nil())
			case op.ParamsType != "":
				// A copy, so that a second range over the iterator starts
				// from the caller's parameters again.
				b.Id("p").Op(":=").Id("params")
				b.If(jen.Id("at").Op("!=").Id("first")).BlockFunc(func(set *jen.Group) {
					setParam(set, jen.Id("p"), p, jen.Id("at"))
				})
				params = jen.Id("p")
			}
			fetchPage(b, op, params, opts, call, jen.Nil(), jen.Id("at"), jen.False())
			b.Id("items").Op(":=").Add(itemsOf(p))
			switch {
			case p.Scheme == model.PageOffset:
				b.Id("next").Op(":=").Id("at").Op("+").Add(key.Clone()).Call(jen.Len(jen.Id("items")))
				b.Id("more").Op(":=").True()
				if p.Total != nil {
					b.If(jen.Id("total").Op(":=").Add(value(jen.Id("res"), p.Total)), jen.Id("total").Op(">").Lit(0).Op("&&").
						Int64().Call(jen.Id("next")).Op(">=").Int64().Call(jen.Id("total"))).Block(jen.Id("more").Op("=").False())
				}
			case p.ItemID != nil:
				b.Var().Id("next").Add(key.Clone())
				last := jen.Id("items").Index(jen.Len(jen.Id("items")).Op("-").Lit(1)).Dot(p.ItemID.GoName)
				if fieldWrapped(p.ItemID) {
					last = last.Dot("Value")
				}
				b.If(jen.Len(jen.Id("items")).Op(">").Lit(0)).Block(jen.Id("next").Op("=").Add(key.Clone()).Call(last))
				// Without has_more saying so, no page follows: the id of
				// the last item alone cannot tell.
				b.Id("more").Op(":=").Add(value(jen.Id("res"), p.HasMore)).Op("&&").Id("next").Op("!=").Add(zero)
			case p.Scheme == model.PageLinkHeader:
				b.Id("next").Op(":=").Id("nextLink").Call(jen.Id("h"))
				b.Id("more").Op(":=").Id("next").Op("!=").Lit("")
			default:
				b.Id("next").Op(":=").Add(key.Clone()).Call(value(jen.Id("res"), p.Next))
				b.Id("more").Op(":=").Id("next").Op("!=").Add(zero)
			}
			if p.HasMore != nil && p.ItemID == nil {
				b.If(noMore(p.HasMore)...).Block(jen.Id("more").Op("=").False())
			}
			b.Return(jen.Id("items"), jen.Id("next"), jen.Id("more"), jen.Nil())
		})))
}

// fetchPage calls the list method and checks that the members the
// iterator reads decoded; on an error it returns the zero values given.
func fetchPage(b *jen.Group, op *model.Operation, params, opts jen.Code, call []jen.Code, onErr ...jen.Code) {
	args := append([]jen.Code{}, call...)
	if op.ParamsType != "" {
		args = append(args, params)
	}
	args = append(args, jen.Add(opts).Op("..."))
	b.List(jen.Id("res"), jen.Err()).Op(":=").Id("s").Dot(op.GoName).Call(args...)
	fail := append(append([]jen.Code{}, onErr...), jen.Err())
	b.If(jen.Err().Op("!=").Nil()).Block(jen.Return(fail...))
	if members := checkedMembers(op.Pagination); len(members) > 0 {
		check := []jen.Code{jen.Id("res")}
		for _, m := range members {
			check = append(check, jen.Lit(m))
		}
		b.If(jen.Err().Op(":=").Id("checkPage").Call(check...), jen.Err().Op("!=").Nil()).Block(jen.Return(fail...))
	}
}

// checkedMembers are the top-level members a page is read from, each once:
// one that failed to decode would read as an absent one and end the
// iteration early without a word.
func checkedMembers(p *model.Pagination) []string {
	var out []string
	for _, fp := range []model.FieldPath{p.Items, p.Total, p.HasMore, p.Next} {
		if len(fp) > 0 && !contains(out, fp[0].Name) {
			out = append(out, fp[0].Name)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// itemsOf reads the items from res: the body itself, or a member.
func itemsOf(p *model.Pagination) *jen.Statement {
	if len(p.Items) == 0 {
		return jen.Op("*").Id("res")
	}
	return value(jen.Id("res"), p.Items)
}

// member reads the member at path, wrappers of the members on the way
// unwrapped (an absent one reads as its zero value), the last one as it is.
func member(from *jen.Statement, path model.FieldPath) *jen.Statement {
	v := from.Clone()
	for i, f := range path {
		v = v.Dot(f.GoName)
		if i < len(path)-1 && fieldWrapped(f) {
			v = v.Dot("Value")
		}
	}
	return v
}

// value reads the member at path, its zero value when absent.
func value(from *jen.Statement, path model.FieldPath) *jen.Statement {
	v := member(from, path)
	if fieldWrapped(path[len(path)-1]) {
		v = v.Dot("Value")
	}
	return v
}

// noMore is the condition that a has-more member says false. An absent
// member says nothing.
func noMore(path model.FieldPath) []jen.Code {
	if !fieldWrapped(path[len(path)-1]) {
		return []jen.Code{jen.Op("!").Add(member(jen.Id("res"), path))}
	}
	return []jen.Code{jen.Id("hm").Op(":=").Add(member(jen.Id("res"), path)), jen.Id("hm").Dot("Set").Op("&&").Op("!").Id("hm").Dot("Value")}
}

func numberType(p *model.Pagination) *model.Type {
	if p.NumberField != nil {
		return p.NumberField.Type
	}
	return p.PageParam.Type
}

func isIntegerType(t *model.Type) bool {
	r := t.Resolved()
	return r != nil && r.Kind == model.KindInteger
}

// paramIsSet is the condition that the caller set the page parameter (nil
// when it is required, and so always set), and its value.
func paramIsSet(params *jen.Statement, p *model.Pagination) (set, value jen.Code) {
	v := params.Clone().Dot(p.PageParam.GoName)
	outer := paramField(p.PageParam)
	if p.NumberField == nil {
		if fieldWrapped(outer) {
			return v.Clone().Dot("Set"), v.Clone().Dot("Value")
		}
		return nil, v
	}
	if fieldWrapped(outer) {
		v = v.Dot("Value")
	}
	v = v.Dot(p.NumberField.GoName)
	if fieldWrapped(p.NumberField) {
		return v.Clone().Dot("Set"), v.Clone().Dot("Value")
	}
	return nil, v
}

// setParam sets the page parameter of params to v.
func setParam(b *jen.Group, params *jen.Statement, p *model.Pagination, v jen.Code) {
	outer := paramField(p.PageParam)
	if p.NumberField == nil {
		b.Add(params.Clone().Dot(p.PageParam.GoName)).Op("=").Add(wrapped(outer, v))
		return
	}
	inner := params.Clone().Dot(p.PageParam.GoName)
	if fieldWrapped(outer) {
		inner = inner.Dot("Value")
	}
	b.Id("pp").Op(":=").Add(inner)
	b.Id("pp").Dot(p.NumberField.GoName).Op("=").Add(wrapped(p.NumberField, v))
	b.Add(params.Clone().Dot(p.PageParam.GoName)).Op("=").Add(wrapped(outer, jen.Id("pp")))
}

func paramField(prm *model.Param) *model.Field {
	return &model.Field{Type: prm.Type, Required: prm.Required, Nullable: prm.Nullable}
}

// wrapped is v as the field holds it: Some(v), Value(v) or v.
func wrapped(f *model.Field, v jen.Code) jen.Code {
	switch {
	case !fieldWrapped(f):
		return v
	case f.Nullable || isAny(f.Type):
		return jen.Id("Value").Call(v)
	}
	return jen.Id("Some").Call(v)
}
