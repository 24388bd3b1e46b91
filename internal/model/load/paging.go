package load

import (
	"strings"

	"github.com/oagen-dev/oagen/internal/model"
)

// pagination recognises a page-numbered list: a GET with a page number in
// the query (a deepObject "page" with a "number", or "page[number]"), whose
// first 2xx JSON response has an array "data" and a "meta" object with
// "total_pages". That is how every Telnyx list pages; an operation that
// only looks similar gets no iterator rather than a wrong one.
func pagination(op *model.Operation) *model.Pagination {
	if op.Method != "GET" {
		return nil
	}
	p := &model.Pagination{}
	for _, prm := range op.Params {
		if prm.In != model.InQuery {
			continue
		}
		switch {
		case prm.Name == "page[number]" && isInteger(prm.Type):
			p.PageParam = prm
		case prm.Name == "page" && prm.Style == "deepObject":
			if f := field(prm.Type, "number"); f != nil && isInteger(f.Type) {
				p.PageParam, p.NumberField = prm, f
			}
		}
	}
	if p.PageParam == nil {
		return nil
	}
	resp := primaryJSON(op)
	if resp == nil {
		return nil
	}
	p.Items = field(resp, "data")
	p.Meta = field(resp, "meta")
	if p.Items == nil || p.Meta == nil || resolved(p.Items.Type).Kind != model.KindArray {
		return nil
	}
	p.TotalPages = field(p.Meta.Type, "total_pages")
	if p.TotalPages == nil || !isInteger(p.TotalPages.Type) {
		return nil
	}
	return p
}

// primaryJSON is the type of the first 2xx response's JSON content.
func primaryJSON(op *model.Operation) *model.Type {
	for _, r := range op.Responses {
		if !strings.HasPrefix(r.Status, "2") {
			continue
		}
		for _, c := range r.Contents {
			if model.IsJSON(c.MediaType) && c.Type != nil {
				return c.Type
			}
		}
		return nil
	}
	return nil
}

func resolved(t *model.Type) *model.Type {
	if t = t.Resolved(); t == nil {
		return &model.Type{Kind: model.KindAny}
	}
	return t
}

func field(t *model.Type, name string) *model.Field {
	for _, f := range resolved(t).Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

func isInteger(t *model.Type) bool { return resolved(t).Kind == model.KindInteger }
